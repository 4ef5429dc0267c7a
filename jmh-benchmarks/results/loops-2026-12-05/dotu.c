/* dot.c (loops-2026-12-03) with the points OFF bytes from a 64-byte boundary and unaligned loads (docs/benchmarks.md,
 * Zen 5, 2026-12-05): gcc -O2 -mavx512f -mavx512dq -mfma -DNN=60000 -DREPS=1 -DOFF=16 -o dotu dotu.c && ./dotu */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define L 8
static double now(){struct timespec a; clock_gettime(CLOCK_MONOTONIC,&a); return a.tv_sec+a.tv_nsec*1e-9;}
int main(){
 int n=NN,d=128,m=4, tiles=n/L, pairs=d/2;
 float *x=(float*)((char*)aligned_alloc(64,sizeof(float)*n*d+64)+OFF); float *pat=aligned_alloc(64,sizeof(float)*m*pairs*16);
 for(long i=0;i<(long)n*d;i++) x[i]=(float)(i%17)*0.1f; for(int i=0;i<m*pairs*16;i++) pat[i]=(i%5)*0.3f;
 double *out=aligned_alloc(64,sizeof(double)*m*L*tiles);
 for(int rep=0;rep<5;rep++){
 double t0=now();
 for(int t=0;t<REPS*tiles;t++){ int tt=t%tiles;
   const float *xt=x+(long)tt*d*L;
   __m512 f0=_mm512_setzero_ps(),f1=f0,f2=f0,f3=f0;
   for(int j=0;j<pairs;j++){
     __m512 xv=_mm512_loadu_ps(xt+j*16);
     f0=_mm512_fmadd_ps(xv,_mm512_loadu_ps(pat+(0*pairs+j)*16),f0);
     f1=_mm512_fmadd_ps(xv,_mm512_loadu_ps(pat+(1*pairs+j)*16),f1);
     f2=_mm512_fmadd_ps(xv,_mm512_loadu_ps(pat+(2*pairs+j)*16),f2);
     f3=_mm512_fmadd_ps(xv,_mm512_loadu_ps(pat+(3*pairs+j)*16),f3);
   }
   __m512d s0=_mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(f0)),_mm512_cvtps_pd(_mm512_extractf32x8_ps(f0,1)));
   __m512d s1=_mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(f1)),_mm512_cvtps_pd(_mm512_extractf32x8_ps(f1,1)));
   __m512d s2=_mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(f2)),_mm512_cvtps_pd(_mm512_extractf32x8_ps(f2,1)));
   __m512d s3=_mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(f3)),_mm512_cvtps_pd(_mm512_extractf32x8_ps(f3,1)));
   _mm512_store_pd(out+(tt*4+0)*L,s0);_mm512_store_pd(out+(tt*4+1)*L,s1);_mm512_store_pd(out+(tt*4+2)*L,s2);_mm512_store_pd(out+(tt*4+3)*L,s3);
 }
 double t1=now();
 // double version with broadcasts
 for(int t=0;t<REPS*tiles;t++){ int tt=t%tiles;
   const float *xt=x+(long)tt*d*L;
   __m512d a0=_mm512_setzero_pd(),a1=a0,a2=a0,a3=a0;
   for(int k=0;k<d;k++){
     __m512d xv=_mm512_cvtps_pd(_mm256_loadu_ps(xt+k*8));
     a0=_mm512_fmadd_pd(xv,_mm512_set1_pd(pat[k]),a0);
     a1=_mm512_fmadd_pd(xv,_mm512_set1_pd(pat[k+d]),a1);
     a2=_mm512_fmadd_pd(xv,_mm512_set1_pd(pat[k+2*d]),a2);
     a3=_mm512_fmadd_pd(xv,_mm512_set1_pd(pat[k+3*d]),a3);
   }
   _mm512_store_pd(out+(tt*4+0)*L,a0);_mm512_store_pd(out+(tt*4+1)*L,a1);_mm512_store_pd(out+(tt*4+2)*L,a2);_mm512_store_pd(out+(tt*4+3)*L,a3);
 }
 double t2=now();
 printf("4 kernels, %d x 128, %d passes: float %.0f ns/tile, double %.0f ns/tile  (%g)\n",n,REPS,(t1-t0)*1e9/((double)REPS*tiles),(t2-t1)*1e9/((double)REPS*tiles),out[77]);
 }
}
