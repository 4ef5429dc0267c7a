package org.sparker.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuModuleUnload;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * One CUDA context with the project's module loaded: owns the context, the module, the kernel
 * handles and every device buffer it allocated; {@link #close()} releases all of them.
 */
final class CudaSession implements AutoCloseable {

    static final String PTX_RESOURCE = "/org/sparker/engine/cuda/sparker_kernels.ptx";
    static final int BLOCK = 256;

    private final CUcontext context = new CUcontext();
    private final CUmodule module = new CUmodule();
    final CUfunction pointPass = new CUfunction();
    final CUfunction sumRows = new CUfunction();
    final CUfunction centerGradient = new CUfunction();
    final CUfunction forwardPass = new CUfunction();
    final CUfunction softminPoints = new CUfunction();
    final CUfunction softminMatrix = new CUfunction();
    private final List<Buffer> buffers = new ArrayList<>();
    private boolean closed;

    CudaSession() {
        Driver.call("cuInit", () -> cuInit(0));
        CUdevice device = new CUdevice();
        Driver.call("cuDeviceGet", () -> cuDeviceGet(device, 0));
        Driver.call("cuCtxCreate", () -> cuCtxCreate(context, 0, device));
        byte[] ptx = loadPtx();
        Driver.call("cuModuleLoadData(" + PTX_RESOURCE + ")", () -> cuModuleLoadData(module, ptx));
        function(pointPass, "point_pass");
        function(sumRows, "sum_rows");
        function(centerGradient, "center_gradient");
        function(forwardPass, "forward_pass");
        function(softminPoints, "softmin_points");
        function(softminMatrix, "softmin_matrix");
    }

    private void function(CUfunction f, String name) {
        Driver.call("cuModuleGetFunction(" + name + ")", () -> cuModuleGetFunction(f, module, name));
    }

    /** The PTX from the classpath, NUL-terminated as cuModuleLoadData wants it. */
    static byte[] loadPtx() {
        try (InputStream in = CudaSession.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new CudaBackendException("the PTX resource " + PTX_RESOURCE + " is missing from the classpath");
            }
            byte[] text = in.readAllBytes();
            return java.util.Arrays.copyOf(text, text.length + 1);
        } catch (IOException e) {
            throw new CudaBackendException("reading " + PTX_RESOURCE + " failed: " + e.getMessage(), e);
        }
    }

    /** Makes this session's context current on the calling thread. */
    void makeCurrent() {
        Driver.call("cuCtxSetCurrent", () -> cuCtxSetCurrent(context));
    }

    Buffer allocate(long bytes) {
        Buffer b = new Buffer(Math.max(8, bytes));
        buffers.add(b);
        return b;
    }

    void launch(String name, CUfunction f, int gridX, int gridY, Pointer params) {
        Driver.call("cuLaunchKernel(" + name + ")",
                () -> cuLaunchKernel(f, gridX, gridY, 1, BLOCK, 1, 1, 0, null, params, null));
    }

    void synchronize(String after) {
        Driver.call("cuCtxSynchronize after " + after, () -> cuCtxSynchronize());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            makeCurrent();
            for (Buffer b : List.copyOf(buffers)) {
                b.free();
            }
            cuModuleUnload(module);
        } finally {
            cuCtxDestroy(context);
        }
    }

    /** A device allocation owned by the session. */
    final class Buffer {
        final CUdeviceptr pointer = new CUdeviceptr();
        final long bytes;
        private boolean freed;

        private Buffer(long bytes) {
            this.bytes = bytes;
            Driver.call("cuMemAlloc(" + bytes + " bytes)", () -> cuMemAlloc(pointer, bytes));
        }

        void upload(float[] data) {
            check(data.length * (long) Sizeof.FLOAT);
            Driver.call("cuMemcpyHtoD", () -> cuMemcpyHtoD(pointer, Pointer.to(data), data.length * (long) Sizeof.FLOAT));
        }

        void upload(double[] data) {
            check(data.length * (long) Sizeof.DOUBLE);
            Driver.call("cuMemcpyHtoD", () -> cuMemcpyHtoD(pointer, Pointer.to(data), data.length * (long) Sizeof.DOUBLE));
        }

        void download(double[] into, int count) {
            check(count * (long) Sizeof.DOUBLE);
            Driver.call("cuMemcpyDtoH", () -> cuMemcpyDtoH(Pointer.to(into), pointer, count * (long) Sizeof.DOUBLE));
        }

        private void check(long needed) {
            if (needed > bytes) {
                throw new IllegalStateException("device buffer of " + bytes + " bytes is too small for " + needed);
            }
        }

        /** Frees the allocation and forgets it; idempotent. */
        void free() {
            if (!freed) {
                freed = true;
                buffers.remove(this);
                cuMemFree(pointer);
            }
        }
    }

}
