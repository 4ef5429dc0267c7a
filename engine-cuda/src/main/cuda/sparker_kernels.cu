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
#define MAX_KERNELS 64

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

// Stable evaluation of one point (Eqs. 5–7): fills dist (squared distances), e = e^{-(u - m)},
// and returns f; *sumE and *expMinusMin as in docs/design.md §1.
__device__ double evaluate_point(const float* __restrict__ xT, int n, int d, int p,
                                 const double* __restrict__ centers, const double* __restrict__ amplitudes,
                                 int m, double sigma, int softmax, double* dist, double* e,
                                 double* sumE, double* expMinusMin) {
    for (int i = 0; i < m; i++) {
        dist[i] = 0.0;
    }
    for (int k = 0; k < d; k++) {
        double x = (double) xT[(size_t) k * n + p];
        for (int i = 0; i < m; i++) {
            double diff = x - centers[(size_t) i * d + k];
            dist[i] = fma(diff, diff, dist[i]);
        }
    }
    double twoSigma2 = 2.0 * sigma * sigma;
    double minU = INFINITY;
    for (int i = 0; i < m; i++) {
        minU = fmin(minU, dist[i] / twoSigma2);
    }
    double s = 0.0;
    for (int i = 0; i < m; i++) {
        e[i] = exp(-(dist[i] / twoSigma2 - minU));
        s += e[i];
    }
    double em = exp(-minU);
    double f = 0.0;
    for (int i = 0; i < m; i++) {
        f += softmax ? amplitudes[i] * e[i] * e[i] : amplitudes[i] * exp(-dist[i] / twoSigma2);
    }
    *sumE = s;
    *expMinusMin = em;
    return softmax ? em * f / s : f;
}

// One pass over all points: per point, the weighted loss term, the weighted NP term, and the
// gradient coefficients c·∂f/∂a_i and c·A_i (c = w g). perPoint is (2m + 2) rows of n:
// row 0 loss, row 1 NP, rows 2..m+1 c·∂f/∂a_i, rows m+2..2m+1 c·A_i. loss: a LossCode.
__global__ void point_pass(const float* __restrict__ xT, int n, int nRef, int d,
                           const double* __restrict__ w, const double* __restrict__ centers,
                           const double* __restrict__ amplitudes, int m, double sigma, int softmax,
                           int loss, double* __restrict__ perPoint) {
    double dist[MAX_KERNELS];
    double e[MAX_KERNELS];
    for (int p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += gridDim.x * blockDim.x) {
        double sumE, em;
        double f = evaluate_point(xT, n, d, p, centers, amplitudes, m, sigma, softmax, dist, e, &sumE, &em);
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
            double k = exp(-dist[i] / twoSigma2);
            double dfda;
            double a;
            if (softmax) {
                double pi = e[i] / sumE;
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

// partial[row * chunks + b] = sum of in[row * n + p] over p in chunk b; grid (chunks, rows).
__global__ void sum_rows(const double* __restrict__ in, int n, int chunk, double* __restrict__ partial) {
    __shared__ double shared[BLOCK];
    int b = blockIdx.x;
    int row = blockIdx.y;
    int start = b * chunk;
    int end = min(n, start + chunk);
    double s = 0.0;
    for (int p = start + threadIdx.x; p < end; p += BLOCK) {
        s += in[(size_t) row * n + p];
    }
    double total = block_sum(s, shared);
    if (threadIdx.x == 0) {
        partial[(size_t) row * gridDim.x + b] = total;
    }
}

// partial[(b * m + i) * d + k] = sum over p in chunk b of coef[i * n + p] * x_k(p), kernels in
// groups of 8 held in registers; grid (chunks, d).
__global__ void center_gradient(const float* __restrict__ xT, int n, int d, const double* __restrict__ coef,
                                int m, int chunk, double* __restrict__ partial) {
    __shared__ double shared[BLOCK];
    int b = blockIdx.x;
    int k = blockIdx.y;
    int start = b * chunk;
    int end = min(n, start + chunk);
    for (int i0 = 0; i0 < m; i0 += 8) {
        double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        int g = min(8, m - i0);
        for (int p = start + threadIdx.x; p < end; p += BLOCK) {
            double x = (double) xT[(size_t) k * n + p];
#pragma unroll
            for (int j = 0; j < 8; j++) {
                if (j < g) {
                    acc[j] = fma(coef[(size_t) (i0 + j) * n + p], x, acc[j]);
                }
            }
        }
        for (int j = 0; j < g; j++) {
            double total = block_sum(acc[j], shared);
            if (threadIdx.x == 0) {
                partial[((size_t) b * m + i0 + j) * d + k] = total;
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
    double dist[MAX_KERNELS];
    double e[MAX_KERNELS];
    for (int p = blockIdx.x * blockDim.x + threadIdx.x; p < n; p += gridDim.x * blockDim.x) {
        double sumE, em;
        double fp = evaluate_point(xT, n, d, p, centers, amplitudes, m, sigma, softmax, dist, e, &sumE, &em);
        if (mode == MODE_DISTANCES) {
            for (int i = 0; i < m; i++) {
                out1[(size_t) p * m + i] = dist[i];
            }
            continue;
        }
        f[p] = fp;
        if (mode == MODE_FULL) {
            double twoSigma2 = 2.0 * sigma * sigma;
            for (int i = 0; i < m; i++) {
                out1[(size_t) p * m + i] = e[i] / sumE;
                out2[(size_t) p * m + i] = softmax ? amplitudes[i] * e[i] * e[i] * em / sumE
                                                   : amplitudes[i] * exp(-dist[i] / twoSigma2);
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
