/* Peak 512-bit double FMA rate of one core: twelve independent FMA chains (docs/benchmarks.md, 2026-12-03 night).
 *   gcc -O2 -mavx512f -mfma -o peak peak.c && ./peak              # one core
 *   (./peak & ./peak; wait)                                        # both cores at once */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>
static double now(){struct timespec a; clock_gettime(CLOCK_MONOTONIC,&a); return a.tv_sec+a.tv_nsec*1e-9;}
int main(){
 __m512d a[12]; for(int i=0;i<12;i++) a[i]=_mm512_set1_pd(i*0.001);
 __m512d b=_mm512_set1_pd(0.999999), c=_mm512_set1_pd(1e-9);
 long n=200000000;
 for(int rep=0;rep<3;rep++){
 double t0=now();
 for(long i=0;i<n;i++){
  #pragma GCC unroll 12
  for(int j=0;j<12;j++) a[j]=_mm512_fmadd_pd(a[j],b,c);
 }
 double t1=now();
 double s=0; for(int j=0;j<12;j++) s+=_mm512_reduce_add_pd(a[j]);
 printf("%.3f ns per 512-bit FMA = %.2f G FMA/s (one core) %g\n",(t1-t0)*1e9/(n*12.0),n*12.0/(t1-t0)/1e9,s);
 }
}
