/* sweep.c (loops-2026-12-03) with every pointer offset by OFF bytes from a 64-byte boundary and unaligned loads and
 * stores: what a Java array's arbitrary alignment costs the same loop (docs/benchmarks.md, Zen 5, 2026-12-05).
 *   for o in 0 16 32; do gcc -O2 -mavx512f -mfma -DOFF=$o -o sweepu sweepu.c && ./sweepu; done */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define L 8
static double now(){struct timespec a; clock_gettime(CLOCK_MONOTONIC,&a); return a.tv_sec+a.tv_nsec*1e-9;}
int main(int argc,char**argv){
 int n=800,d=128,reps=300,tiles=n/L,G=8,ts=d*L,groups=tiles/G;
 float *x=(float*)((char*)aligned_alloc(64,sizeof(float)*n*d+64)+OFF); for(long i=0;i<(long)n*d;i++) x[i]=(float)(i%17)*0.1f;
 double *coef=aligned_alloc(64,sizeof(double)*G*2*L); for(int i=0;i<G*2*L;i++) coef[i]=(i%5)*1e-3;
 double *grad=(double*)((char*)aligned_alloc(64,sizeof(double)*2*ts+64)+OFF);
 for(int rep=0;rep<3;rep++){
  for(int i=0;i<2*ts;i++) grad[i]=0;
  double t0=now();
  for(int r=0;r<reps;r++) for(int g=0;g<groups;g++){ const float* xg=x+(long)g*G*ts;
    __m512d c[8][2]; for(int t=0;t<8;t++){c[t][0]=_mm512_loadu_pd(coef+(t*2)*L); c[t][1]=_mm512_loadu_pd(coef+(t*2+1)*L);}
    for(int o=0;o<ts;o+=L){
      __m512d a0=_mm512_loadu_pd(grad+o), a1=_mm512_loadu_pd(grad+ts+o);
      #pragma GCC unroll 8
      for(int t=0;t<8;t++){ __m512d xv=_mm512_cvtps_pd(_mm256_loadu_ps(xg+t*ts+o)); a0=_mm512_fmadd_pd(c[t][0],xv,a0); a1=_mm512_fmadd_pd(c[t][1],xv,a1);}
      _mm512_storeu_pd(grad+o,a0); _mm512_storeu_pd(grad+ts+o,a1);
    }}
  double t1=now();
  for(int r=0;r<reps;r++) for(int g=0;g<groups;g++){ const float* xg=x+(long)g*G*ts;
    __m512d c[8][2]; for(int t=0;t<8;t++){c[t][0]=_mm512_loadu_pd(coef+(t*2)*L); c[t][1]=_mm512_loadu_pd(coef+(t*2+1)*L);}
    #pragma GCC unroll 1
    for(int o=0;o<ts;o+=2*L){
      __m512d a0=_mm512_loadu_pd(grad+o), a1=_mm512_loadu_pd(grad+ts+o), b0=_mm512_loadu_pd(grad+o+L), b1=_mm512_loadu_pd(grad+ts+o+L);
      #pragma GCC unroll 8
      for(int t=0;t<8;t++){ __m512d xv=_mm512_cvtps_pd(_mm256_loadu_ps(xg+t*ts+o)); __m512d yv=_mm512_cvtps_pd(_mm256_loadu_ps(xg+t*ts+o+L));
        a0=_mm512_fmadd_pd(c[t][0],xv,a0); a1=_mm512_fmadd_pd(c[t][1],xv,a1); b0=_mm512_fmadd_pd(c[t][0],yv,b0); b1=_mm512_fmadd_pd(c[t][1],yv,b1);}
      _mm512_storeu_pd(grad+o,a0); _mm512_storeu_pd(grad+ts+o,a1); _mm512_storeu_pd(grad+o+L,b0); _mm512_storeu_pd(grad+ts+o+L,b1);
    }}
  double t2=now();
  double fmas=(double)reps*groups*G*d*2;
  printf("C sweep 2 kernels x 8 tiles: 1 coord/iter %.3f ns/FMA, 2 coords/iter %.3f ns/FMA (%g)\n",(t1-t0)*1e9/fmas,(t2-t1)*1e9/fmas,grad[5]);
 }
}
