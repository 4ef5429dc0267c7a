// Run: javac -cp transport/target/classes CmpScipy.java && java -Xmx3g -cp transport/target/classes:. CmpScipy (after compare_scipy.py)
import java.nio.*; import java.nio.file.*;
public class CmpScipy {
  public static void main(String[] a) throws Exception {
    for (int n : new int[]{1000,2500,5000}) {
      byte[] bytes = Files.readAllBytes(Path.of("lapx/C"+n+".bin"));
      DoubleBuffer db = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
      double[] c = new double[n*n]; db.get(c);
      long t0=System.nanoTime(); int[] p = org.sparker.transport.LapJv.solve(c, n); long t1=System.nanoTime();
      // scipy permutation: npy header then int64
      byte[] pb = Files.readAllBytes(Path.of("lapx/perm"+n+".npy"));
      int hl = (pb[8]&0xff) | ((pb[9]&0xff)<<8); LongBuffer lb = ByteBuffer.wrap(pb, 10+hl, pb.length-10-hl).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
      int same=0; double sc=0; for (int i=0;i<n;i++){ long q=lb.get(i); if (q==p[i]) same++; sc+=c[i*n+(int)q]; }
      System.out.printf("n=%d lapjv %.3f s cost %.10f scipy cost %.10f same permutation entries %d/%d%n", n, (t1-t0)/1e9, org.sparker.transport.LapJv.cost(c,n,p), sc, same, n);
    }
  }
}
