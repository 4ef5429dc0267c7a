/* The five-kernel distance dot products on L2-resident tiles (800 points x 128), float data widened at every load
 * against data already in double, and the widening alone (docs/benchmarks.md, 2026-12-03 night).
 *   gcc -O2 -mavx512f -mavx512dq -mfma -o cvt cvt.c && ./cvt     (cycles are counted at the nominal 2.6 GHz) */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define L 8
static double now(){struct timespec a; clock_gettime(CLOCK_MONOTONIC,&a); return a.tv_sec+a.tv_nsec*1e-9;}
int main(){
 int n=800,d=128,reps=300,tiles=n/L;
 float *x=aligned_alloc(64,sizeof(float)*n*d); double *xd=aligned_alloc(64,sizeof(double)*n*d);
 double c[5*128]; for(int i=0;i<640;i++) c[i]=(i%7)*0.1;
 for(long i=0;i<(long)n*d;i++){ x[i]=(float)(i%17)*0.1f; xd[i]=x[i]; }
 double *out=aligned_alloc(64,sizeof(double)*5*L*tiles);
 for(int rep=0;rep<3;rep++){
  double t0=now();
  for(int t=0;t<reps*tiles;t++){ int tt=t%tiles; const float *xt=x+(long)tt*d*L;
   __m512d a0=_mm512_setzero_pd(),a1=a0,a2=a0,a3=a0,a4=a0;
   for(int k=0;k<d;k++){ __m512d xv=_mm512_cvtps_pd(_mm256_load_ps(xt+k*L));
     a0=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[k]),a0); a1=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[128+k]),a1);
     a2=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[256+k]),a2); a3=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[384+k]),a3);
     a4=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[512+k]),a4);}
   _mm512_store_pd(out+(tt*5)*L,a0);_mm512_store_pd(out+(tt*5+1)*L,a1);_mm512_store_pd(out+(tt*5+2)*L,a2);_mm512_store_pd(out+(tt*5+3)*L,a3);_mm512_store_pd(out+(tt*5+4)*L,a4);}
  double t1=now();
  for(int t=0;t<reps*tiles;t++){ int tt=t%tiles; const double *xt=xd+(long)tt*d*L;
   __m512d a0=_mm512_setzero_pd(),a1=a0,a2=a0,a3=a0,a4=a0;
   for(int k=0;k<d;k++){ __m512d xv=_mm512_load_pd(xt+k*L);
     a0=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[k]),a0); a1=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[128+k]),a1);
     a2=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[256+k]),a2); a3=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[384+k]),a3);
     a4=_mm512_fmadd_pd(xv,_mm512_set1_pd(c[512+k]),a4);}
   _mm512_store_pd(out+(tt*5)*L,a0);_mm512_store_pd(out+(tt*5+1)*L,a1);_mm512_store_pd(out+(tt*5+2)*L,a2);_mm512_store_pd(out+(tt*5+3)*L,a3);_mm512_store_pd(out+(tt*5+4)*L,a4);}
  double t2=now();
  // cvt only, 5 cvts per coordinate (what two passes of distances + three of the sweep do)
  __m512d s=_mm512_setzero_pd();
  for(int t=0;t<reps*tiles;t++){ int tt=t%tiles; const float *xt=x+(long)tt*d*L;
   for(int k=0;k<d;k++){ __m256 f=_mm256_load_ps(xt+k*L); s=_mm512_add_pd(s,_mm512_cvtps_pd(f)); }}
  double t3=now();
  double fmas=(double)reps*tiles*d*5;
  printf("float+cvt: %.2f cyc/FMA   double: %.2f cyc/FMA   cvt+add: %.2f cyc/coord  (%g)\n",(t1-t0)*2.6e9/fmas,(t2-t1)*2.6e9/fmas,(t3-t2)*2.6e9/((double)reps*tiles*d), _mm512_reduce_add_pd(s)+out[7]);
 }
}
