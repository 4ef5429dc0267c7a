// SparKer CUDA kernels (docs/design.md §1–3). Compiled to PTX by build-ptx.sh; loaded by CudaSession.
//
// Layout: points are stored column-major on the device, xT[k * n + p] (coordinate k of point p),
// so consecutive threads (points) read consecutive addresses. The first nRef points are the
// reference sample, the rest the data sample; w[p] is the point's full weight (w_R times its own
// weight on R). Arithmetic is in double, like the reference backend; the data is float.
//
// Determinism: every sum is a fixed tree inside a block of BLOCK threads over a fixed chunk of
// points; the per-block partials are added on the host in block order. For a given launch
// configuration (fixed by n, d and m) the results are the same bits run to run.

#define BLOCK 256
// Up to CACHED_KERNELS kernels, a point's squared distances and softmax numerators are kept in
// per-thread arrays (local memory) between the passes over the kernels; beyond that they are
// recomputed from the points and centres in each pass, in the same order, so any M gives the
// same bits as the cached path would.
#define CACHED_KERNELS 64
// Coordinates per block of center_gradient (CudaKernels.CENTER_COORDS holds the same value).
#define CENTER_COORDS 2

// The codes the host passes; CudaKernels.LossCode and CudaKernels.ForwardMode hold the same
// values (KernelCodesTest reads them from this file).
enum LossCode { LOSS_NP = 0, LOSS_BCE = 1, LOSS_MSE = 2 };
enum ForwardMode { MODE_DISTANCES = 0, MODE_LOG_RATIO = 1, MODE_FULL = 2 };

extern "C" {

__device__ __forceinline__ double sigmoid(double f) {
    if (f >= 0.0) {
        return 1.0 / (1.0 + exp(-f));
    }
    double e = exp(f);
    return e / (1.0 + e);
}

__device__ __forceinline__ double softplus(double x) {
    return x > 0.0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

// Squared distance from point p to centre i, summed over k in order (the cached path's order).
__device__ __forceinline__ double squared_distance(const float* __restrict__ xT, int n, int d, int p,
                                                   const double* __restrict__ centers, int i) {
    double s = 0.0;
    for (int k = 0; k < d; k++) {
        double diff = (double) xT[(size_t) k * n + p] - centers[(size_t) i * d + k];
        s = fma(diff, diff, s);
    }
    return s;
}

// A point's squared distance to centre i: from the cache when the kernels fit in it (cached),
// else recomputed.
__device__ __forceinline__ double distance_of(bool cached, const double* dist, const float* __restrict__ xT, int n,
                                              int d, int p, const double* __restrict__ centers, int i) {
    return cached ? dist[i] : squared_distance(xT, n, d, p, centers, i);
}

// Stable evaluation of one point (Eqs. 5–7): returns f, with *minU the smallest u_i = dist_i/2σ²,
// *sumE = Σ e^{-(u_i - minU)} and *expMinusMin = e^{-minU} (docs/design.md §1). When cached, fills
// dist (squared distances) and e (e^{-(u_i - minU)}) for the m kernels; else they are unused.
__device__ double evaluate_point(bool cached, const float* __restrict__ xT, int n, int d, int p,
                                 const double* __restrict__ centers, const double* __restrict__ amplitudes,
                                 int m, double sigma, int softmax, double* dist, double* e,
                                 double* minUOut, double* sumE, double* expMinusMin) {
    if (cached) {
        // eight kernels at a time accumulate in registers over the d coordinates; the cache
        // (local memory) is written once per kernel
        for (int i0 = 0; i0 < m; i0 += 8) {
            int g = min(8, m - i0);
            double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            for (int k = 0; k < d; k++) {
                double x = (double) xT[(size_t) k * n + p];
#pragma unroll
                for (int j = 0; j < 8; j++) {
                    if (j < g) {
                        double diff = x - centers[(size_t) (i0 + j) * d + k];
                        acc[j] = fma(diff, diff, acc[j]);
                    }
                }
            }
#pragma unroll
            for (int j = 0; j < 8; j++) {
                if (j < g) {
                    dist[i0 + j] = acc[j];
                }
            }
        }
    }
    double twoSigma2 = 2.0 * sigma * sigma;
    double minU = INFINITY;
    for (int i = 0; i < m; i++) {
        minU = fmin(minU, distance_of(cached, dist, xT, n, d, p, centers, i) / twoSigma2);
    }
    double s = 0.0;
    double f = 0.0;
    for (int i = 0; i < m; i++) {
        double di = distance_of(cached, dist, xT, n, d, p, centers, i);
        double ei = exp(-(di / twoSigma2 - minU));
        if (cached) {
            e[i] = ei;
        }
        s += ei;
        f += softmax ? amplitudes[i] * ei * ei : amplitudes[i] * exp(-di / twoSigma2);
    }
    *minUOut = minU;
    *sumE = s;
    *expMinusMin = exp(-minU);
    return softmax ? *expMinusMin * f / s : f;
}

// One pass over all points: per point, the weighted loss term, the weighted NP term, and the
// gradient coefficients c·∂f/∂a_i and c·A_i (c = w g). perPoint is (2m + 2) rows of n:
// row 0 loss, row 1 NP, rows 2..m+1 c·∂f/∂a_i, rows m+2..2m+1 c·A_i. loss: a LossCode.
__global__ void point_pass(const float* __restrict__ xT, int n, int nRef, int d,
                           const double* __restrict__ w, const double* __restrict__ centers,
                           const double* __restrict__ amplitudes, int m, double sigma, int softmax,
                           int loss, double* __restrict__ perPoint) {
    double dist[CACHED_KERNELS];
    double e[CACHED_KERNELS];
    bool cached = m <= CACHED_KERNELS;
    for (int p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += gridDim.x * blockDim.x) {
        double minU, sumE, em;
        double f = evaluate_point(cached, xT, n, d, p, centers, amplitudes, m, sigma, softmax, dist, e, &minU, &sumE,
                                  &em);
        bool reference = p < nRef;
        double term, np, g;
        if (reference) {
            np = expm1(f);
            if (loss == LOSS_NP) {
                term = np;
                g = exp(f);
            } else if (loss == LOSS_BCE) {
                term = softplus(f);
                g = sigmoid(f);
            } else {
                double sg = sigmoid(f);
                term = sg * sg;
                g = 2.0 * sg * sg * sigmoid(-f);
            }
        } else {
            np = -f;
            if (loss == LOSS_NP) {
                term = -f;
                g = -1.0;
            } else if (loss == LOSS_BCE) {
                term = softplus(-f);
                g = -sigmoid(-f);
            } else {
                double q = sigmoid(-f);
                term = q * q;
                g = -2.0 * sigmoid(f) * q * q;
            }
        }
        double wp = w[p];
        double c = wp * g;
        perPoint[p] = wp * term;
        perPoint[(size_t) n + p] = wp * np;
        double twoSigma2 = 2.0 * sigma * sigma;
        double invSigma2 = 1.0 / (sigma * sigma);
        for (int i = 0; i < m; i++) {
            double di = distance_of(cached, dist, xT, n, d, p, centers, i);
            double k = exp(-di / twoSigma2);
            double dfda;
            double a;
            if (softmax) {
                double ei = cached ? e[i] : exp(-(di / twoSigma2 - minU));
                double pi = ei / sumE;
                dfda = pi * k;
                a = (2.0 * amplitudes[i] * k - f) * pi * invSigma2;
            } else {
                dfda = k;
                a = amplitudes[i] * k * invSigma2;
            }
            perPoint[(size_t) (2 + i) * n + p] = c * dfda;
            perPoint[(size_t) (2 + m + i) * n + p] = c * a;
        }
    }
}

// Block tree reduction of one value per thread; returns the sum in thread 0.
__device__ double block_sum(double v, double* shared) {
    shared[threadIdx.x] = v;
    __syncthreads();
    for (int s = BLOCK / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) {
            shared[threadIdx.x] += shared[threadIdx.x + s];
        }
        __syncthreads();
    }
    double r = shared[0];
    __syncthreads();
    return r;
}

// partial[row * chunks + b] = sum of in[row * n + p] over p in chunk b; grid (chunks, rows),
// the y dimension striding over rows when there are more than the grid's 65,535.
__global__ void sum_rows(const double* __restrict__ in, int n, int rows, int chunk, double* __restrict__ partial) {
    __shared__ double shared[BLOCK];
    int b = blockIdx.x;
    int start = b * chunk;
    int end = min(n, start + chunk);
    for (int row = blockIdx.y; row < rows; row += gridDim.y) {
        double s = 0.0;
        for (int p = start + threadIdx.x; p < end; p += BLOCK) {
            s += in[(size_t) row * n + p];
        }
        double total = block_sum(s, shared);
        if (threadIdx.x == 0) {
            partial[(size_t) row * gridDim.x + b] = total;
        }
    }
}

// partial[(b * m + i) * d + k] = sum over p in chunk b of coef[i * n + p] * x_k(p). A block
// takes CENTER_COORDS coordinates and, eight kernels at a time, holds the 8 × CENTER_COORDS sums
// in registers, so each coefficient is read once per CENTER_COORDS coordinates; grid (chunks,
// min(ceil(d / CENTER_COORDS), 65535)), the y dimension striding over coordinate groups.
__global__ void center_gradient(const float* __restrict__ xT, int n, int d, const double* __restrict__ coef,
                                int m, int chunk, double* __restrict__ partial) {
    __shared__ double shared[BLOCK];
    int b = blockIdx.x;
    int start = b * chunk;
    int end = min(n, start + chunk);
    for (int k0 = blockIdx.y * CENTER_COORDS; k0 < d; k0 += gridDim.y * CENTER_COORDS) {
        int kc = min(CENTER_COORDS, d - k0);
        for (int i0 = 0; i0 < m; i0 += 8) {
            int g = min(8, m - i0);
            double acc[8][CENTER_COORDS];
#pragma unroll
            for (int j = 0; j < 8; j++) {
#pragma unroll
                for (int t = 0; t < CENTER_COORDS; t++) {
                    acc[j][t] = 0.0;
                }
            }
            for (int p = start + threadIdx.x; p < end; p += BLOCK) {
                double c[8];
#pragma unroll
                for (int j = 0; j < 8; j++) {
                    c[j] = j < g ? coef[(size_t) (i0 + j) * n + p] : 0.0;
                }
#pragma unroll
                for (int t = 0; t < CENTER_COORDS; t++) {
                    if (t < kc) {
                        double x = (double) xT[(size_t) (k0 + t) * n + p];
#pragma unroll
                        for (int j = 0; j < 8; j++) {
                            if (j < g) {
                                acc[j][t] = fma(c[j], x, acc[j][t]);
                            }
                        }
                    }
                }
            }
#pragma unroll
            for (int j = 0; j < 8; j++) {
#pragma unroll
                for (int t = 0; t < CENTER_COORDS; t++) {
                    if (j < g && t < kc) {
                        double total = block_sum(acc[j][t], shared);
                        if (threadIdx.x == 0) {
                            partial[((size_t) b * m + i0 + j) * d + k0 + t] = total;
                        }
                    }
                }
            }
        }
    }
}

// Forward pass for arbitrary points, by ForwardMode: MODE_DISTANCES squared distances (out1,
// row-major n×m), MODE_LOG_RATIO f only (f), MODE_FULL f, softmax weights (out1) and components
// (out2), row-major n×m.
__global__ void forward_pass(const float* __restrict__ xT, int n, int d, const double* __restrict__ centers,
                             const double* __restrict__ amplitudes, int m, double sigma, int softmax, int mode,
                             double* __restrict__ f, double* __restrict__ out1, double* __restrict__ out2) {
    double dist[CACHED_KERNELS];
    double e[CACHED_KERNELS];
    bool cached = m <= CACHED_KERNELS;
    for (int p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += gridDim.x * blockDim.x) {
        if (mode == MODE_DISTANCES) {
            for (int i = 0; i < m; i++) {
                out1[(size_t) p * m + i] = squared_distance(xT, n, d, p, centers, i);
            }
            continue;
        }
        double minU, sumE, em;
        double fp = evaluate_point(cached, xT, n, d, p, centers, amplitudes, m, sigma, softmax, dist, e, &minU, &sumE,
                                   &em);
        f[p] = fp;
        if (mode == MODE_FULL) {
            double twoSigma2 = 2.0 * sigma * sigma;
            for (int i = 0; i < m; i++) {
                double di = distance_of(cached, dist, xT, n, d, p, centers, i);
                double ei = cached ? e[i] : exp(-(di / twoSigma2 - minU));
                out1[(size_t) p * m + i] = ei / sumE;
                out2[(size_t) p * m + i] = softmax ? amplitudes[i] * ei * ei * em / sumE
                                                   : amplitudes[i] * exp(-di / twoSigma2);
            }
        }
    }
}

// The optimal-transport soft-minimum (docs/design.md §9), one thread per row i, costs made on
// the fly from coordinate differences (coincident points cost exactly 0), the log-sum-exp kept
// online (running maximum, rescaled sum):
//   out_i = −ε log Σ_j exp((h_j − ‖x_i − y_j‖^p) / ε)
// x is n×d and y m×d, row-major floats; h has m doubles, −∞ for a point without mass.
__device__ double softmin_cost(double s, double p) {
    if (p == 2.0) return s;
    if (p == 1.0) return sqrt(s);
    return s == 0.0 ? 0.0 : pow(s, 0.5 * p);
}

// Adds exp(sv) to the running sum kept relative to the running maximum.
__device__ void softmin_add(double sv, double* maxS, double* sum) {
    if (sv > *maxS) {
        *sum = *sum * exp(*maxS - sv) + 1.0;
        *maxS = sv;
    } else {
        *sum += exp(sv - *maxS);
    }
}

__device__ double softmin_finish(double maxS, double sum, double eps) {
    if (maxS == -INFINITY) return INFINITY;  // every cost overflowed: +∞, as the oracle
    return -eps * (maxS + log(sum));
}

__global__ void softmin_points(const float* __restrict__ x, int n, const float* __restrict__ y, int m, int d,
                               const double* __restrict__ h, double eps, double p, double* __restrict__ out) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        double maxS = -INFINITY;
        double sum = 0.0;
        for (int j = 0; j < m; j++) {
            if (h[j] == -INFINITY) continue;
            double sq = 0.0;
            for (int k = 0; k < d; k++) {
                double diff = (double) x[(size_t) i * d + k] - (double) y[(size_t) j * d + k];
                sq = fma(diff, diff, sq);
            }
            softmin_add((h[j] - softmin_cost(sq, p)) / eps, &maxS, &sum);
        }
        out[i] = softmin_finish(maxS, sum, eps);
    }
}

// The same over a dense row-major n×m cost matrix.
__global__ void softmin_matrix(const double* __restrict__ cost, int n, int m, const double* __restrict__ h,
                               double eps, double* __restrict__ out) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        double maxS = -INFINITY;
        double sum = 0.0;
        for (int j = 0; j < m; j++) {
            if (h[j] == -INFINITY) continue;
            softmin_add((h[j] - cost[(size_t) i * m + j]) / eps, &maxS, &sum);
        }
        out[i] = softmin_finish(maxS, sum, eps);
    }
}

}  // extern "C"
