package org.sparker.engine.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import jcuda.driver.CUdevice;

/** Finds out whether a CUDA device can be used, and describes it. Loaded only inside a try. */
final class CudaProbe {

    private CudaProbe() {
    }

    /**
     * Device 0: its name as the driver gives it, and a description for the backends list.
     *
     * @param name the driver's device name, e.g. {@code NVIDIA H200}
     * @param description the name, memory, driver version and the kernels' build
     */
    record Device(String name, String description) {
    }

    /** Device 0; throws with the reason when there is none. */
    static Device describe() {
        Driver.call("cuInit", () -> cuInit(0));
        int[] count = new int[1];
        Driver.call("cuDeviceGetCount", () -> cuDeviceGetCount(count));
        if (count[0] == 0) {
            throw new CudaBackendException("the CUDA driver reports no device");
        }
        CUdevice device = new CUdevice();
        Driver.call("cuDeviceGet", () -> cuDeviceGet(device, 0));
        byte[] name = new byte[256];
        Driver.call("cuDeviceGetName", () -> cuDeviceGetName(name, name.length, device));
        long[] memory = new long[1];
        Driver.call("cuDeviceTotalMem", () -> cuDeviceTotalMem(memory, device));
        int[] version = new int[1];
        Driver.call("cuDriverGetVersion", () -> cuDriverGetVersion(version));
        String deviceName = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
        return new Device(deviceName, deviceName + ", " + (memory[0] >> 20) + " MiB, driver " + version[0] / 1000 + "."
                + (version[0] % 1000) / 10 + ", own kernels (PTX compute_80), no cuBLAS path");
    }
}
