/*
 * refc: a plain C decoder for llama2.c legacy checkpoints, written for Agora's benchmarks as a
 * same-machine, same-run baseline for the Java CPU engine (docs/benchmarks/inference.md).
 *
 * It follows the algorithm of the reference C engine that issue 4 names (llama2.c run.c): fp32,
 * one weight row per OpenMP loop iteration with a scalar dot product that the compiler vectorizes
 * under -Ofast, attention parallel over heads, greedy decoding from BOS. It is our own code, not a
 * copy: it exists so that "as fast as the C engine" can be measured here, on this machine, in the
 * same minutes as the Java engine, instead of against a number measured elsewhere.
 *
 * Build: cc -Ofast -fopenmp [-march=native] -o refc refc.c -lm
 * Run:   OMP_NUM_THREADS=2 ./refc MODEL [STEPS=128] [REPEAT=5] [ids]
 * Prints the mean and best tokens/s over REPEAT timed runs (one untimed run first warms the page
 * cache), each decoding STEPS tokens from BOS, every forward pass timed (as Agora's bench does).
 * With "ids" it also prints the generated ids of the last run (a test checks that they equal the
 * Java engine's, so both sides of the comparison compute the same thing).
 */
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct { int dim, hidden, layers, heads, kvHeads, vocab, seq; } Cfg;

static void matvec(float *y, const float *x, const float *w, int n, int d) {
  int i;
#pragma omp parallel for private(i)
  for (i = 0; i < d; i++) {
    float s = 0.0f;
    const float *r = w + (size_t)i * n;
    for (int j = 0; j < n; j++) s += r[j] * x[j];
    y[i] = s;
  }
}

static void rmsnorm(float *o, const float *x, const float *w, int n) {
  float ss = 0.0f;
  for (int j = 0; j < n; j++) ss += x[j] * x[j];
  ss = 1.0f / sqrtf(ss / n + 1e-5f);
  for (int j = 0; j < n; j++) o[j] = w[j] * (ss * x[j]);
}

static void softmax(float *x, int n) {
  float m = x[0];
  for (int i = 1; i < n; i++) if (x[i] > m) m = x[i];
  float s = 0.0f;
  for (int i = 0; i < n; i++) { x[i] = expf(x[i] - m); s += x[i]; }
  for (int i = 0; i < n; i++) x[i] /= s;
}

static double now(void) {
  struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: refc MODEL [STEPS] [REPEAT]\n"); return 2; }
  int steps = argc > 2 ? atoi(argv[2]) : 128;
  int repeat = argc > 3 ? atoi(argv[3]) : 5;
  int printIds = argc > 4 && strcmp(argv[4], "ids") == 0;
  if (steps < 1 || repeat < 1) { fprintf(stderr, "STEPS and REPEAT must be >= 1\n"); return 2; }
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) { perror(argv[1]); return 1; }
  struct stat st;
  if (fstat(fd, &st) != 0) { perror(argv[1]); return 1; }
  if (st.st_size < (off_t)sizeof(Cfg)) { fprintf(stderr, "%s: too short for a header\n", argv[1]); return 1; }
  int *hdr = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (hdr == MAP_FAILED) { perror(argv[1]); return 1; }
  Cfg c; memcpy(&c, hdr, sizeof c);
  if (c.dim <= 0 || c.hidden <= 0 || c.layers <= 0 || c.heads <= 0 || c.kvHeads <= 0 || c.seq <= 0
      || c.vocab == 0 || c.vocab == INT_MIN || c.dim % c.heads || c.heads % c.kvHeads
      || (c.dim / c.heads) % 2) {
    fprintf(stderr, "%s: not a llama2.c checkpoint header\n", argv[1]); return 1;
  }
  int shared = c.vocab > 0; if (!shared) c.vocab = -c.vocab;
  int dim = c.dim, hid = c.hidden, L = c.layers, hs = dim / c.heads, kvDim = dim * c.kvHeads / c.heads;
  int kvMul = c.heads / c.kvHeads;
  if (steps > c.seq) steps = c.seq;
  /* floats the header promises, counted in 64 bits with overflow checks before any pointer is formed */
  uint64_t need = 0, t;
  const uint64_t parts[][3] = {
    {(uint64_t)c.vocab, (uint64_t)dim, 1}, {(uint64_t)L, (uint64_t)dim, 1},
    {(uint64_t)L, (uint64_t)dim, (uint64_t)dim}, {(uint64_t)L, (uint64_t)dim, (uint64_t)kvDim},
    {(uint64_t)L, (uint64_t)dim, (uint64_t)kvDim}, {(uint64_t)L, (uint64_t)dim, (uint64_t)dim},
    {(uint64_t)L, (uint64_t)dim, 1}, {(uint64_t)L, (uint64_t)dim, (uint64_t)hid},
    {(uint64_t)L, (uint64_t)hid, (uint64_t)dim}, {(uint64_t)L, (uint64_t)dim, (uint64_t)hid},
    {(uint64_t)dim, 1, 1}, {(uint64_t)c.seq, (uint64_t)hs, 1},
    {shared ? 0 : (uint64_t)c.vocab, (uint64_t)dim, 1}};
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    if (__builtin_mul_overflow(parts[i][0], parts[i][1], &t) || __builtin_mul_overflow(t, parts[i][2], &t)
        || __builtin_add_overflow(need, t, &need)) {
      fprintf(stderr, "%s: not a llama2.c checkpoint header\n", argv[1]); return 1;
    }
  }
  if (need > ((uint64_t)st.st_size - sizeof(Cfg)) / sizeof(float)) {
    fprintf(stderr, "%s: file shorter than its header says\n", argv[1]); return 1;
  }
  float *p = (float *)(hdr + 7);
  float *emb = p; p += (size_t)c.vocab * dim;
  float *rmsAtt = p; p += (size_t)L * dim;
  float *wq = p; p += (size_t)L * dim * dim;
  float *wk = p; p += (size_t)L * dim * kvDim;
  float *wv = p; p += (size_t)L * dim * kvDim;
  float *wo = p; p += (size_t)L * dim * dim;
  float *rmsFfn = p; p += (size_t)L * dim;
  float *w1 = p; p += (size_t)L * dim * hid;
  float *w2 = p; p += (size_t)L * hid * dim;
  float *w3 = p; p += (size_t)L * dim * hid;
  float *rmsFinal = p; p += dim;
  p += (size_t)c.seq * hs;
  float *wcls = shared ? emb : p;
  float *x = calloc(dim, 4), *xb = calloc(dim, 4), *xb2 = calloc(dim, 4), *q = calloc(dim, 4);
  float *hb = calloc(hid, 4), *hb2 = calloc(hid, 4), *logits = calloc(c.vocab, 4);
  float *att = calloc((size_t)c.heads * c.seq, 4);
  float *kc = calloc((size_t)L * c.seq * kvDim, 4), *vc = calloc((size_t)L * c.seq * kvDim, 4);
  int *ids = calloc(steps, sizeof(int));
  if (!x || !xb || !xb2 || !q || !hb || !hb2 || !logits || !att || !kc || !vc || !ids) {
    fprintf(stderr, "refc: out of memory\n"); return 1;
  }
  double best = 0, sum = 0; long check = 0;
  for (int rep = 0; rep < repeat + 1; rep++) {
    int tok = 1; check = 0;
    double t0 = now();
    for (int pos = 0; pos < steps; pos++) {
      memcpy(x, emb + (size_t)tok * dim, dim * 4);
      for (int l = 0; l < L; l++) {
        rmsnorm(xb, x, rmsAtt + (size_t)l * dim, dim);
        float *k = kc + ((size_t)l * c.seq + pos) * kvDim, *v = vc + ((size_t)l * c.seq + pos) * kvDim;
        matvec(q, xb, wq + (size_t)l * dim * dim, dim, dim);
        matvec(k, xb, wk + (size_t)l * dim * kvDim, dim, kvDim);
        matvec(v, xb, wv + (size_t)l * dim * kvDim, dim, kvDim);
        for (int i = 0; i < dim; i += 2) {
          int j = i % hs;
          float f = 1.0f / powf(10000.0f, j / (float)hs), a = pos * f, cr = cosf(a), ci = sinf(a);
          float q0 = q[i], q1 = q[i + 1];
          q[i] = q0 * cr - q1 * ci; q[i + 1] = q0 * ci + q1 * cr;
          if (i < kvDim) { float k0 = k[i], k1 = k[i + 1]; k[i] = k0 * cr - k1 * ci; k[i + 1] = k0 * ci + k1 * cr; }
        }
        int h;
#pragma omp parallel for private(h)
        for (h = 0; h < c.heads; h++) {
          float *qh = q + h * hs, *a = att + (size_t)h * c.seq;
          for (int t = 0; t <= pos; t++) {
            const float *kt = kc + ((size_t)l * c.seq + t) * kvDim + (h / kvMul) * hs;
            float s = 0; for (int i = 0; i < hs; i++) s += qh[i] * kt[i];
            a[t] = s / sqrtf(hs);
          }
          softmax(a, pos + 1);
          float *o = xb + h * hs; memset(o, 0, hs * 4);
          for (int t = 0; t <= pos; t++) {
            const float *vt = vc + ((size_t)l * c.seq + t) * kvDim + (h / kvMul) * hs;
            for (int i = 0; i < hs; i++) o[i] += a[t] * vt[i];
          }
        }
        matvec(xb2, xb, wo + (size_t)l * dim * dim, dim, dim);
        for (int i = 0; i < dim; i++) x[i] += xb2[i];
        rmsnorm(xb, x, rmsFfn + (size_t)l * dim, dim);
        matvec(hb, xb, w1 + (size_t)l * dim * hid, dim, hid);
        matvec(hb2, xb, w3 + (size_t)l * dim * hid, dim, hid);
        for (int i = 0; i < hid; i++) { float g = hb[i]; hb[i] = g / (1.0f + expf(-g)) * hb2[i]; }
        matvec(xb, hb, w2 + (size_t)l * hid * dim, hid, dim);
        for (int i = 0; i < dim; i++) x[i] += xb[i];
      }
      rmsnorm(x, x, rmsFinal, dim);
      matvec(logits, x, wcls, dim, c.vocab);
      int next = 0;
      for (int i = 1; i < c.vocab; i++) if (logits[i] > logits[next]) next = i;
      tok = next; check = check * 31 + next; ids[pos] = next;
    }
    double tps = steps / (now() - t0);
    if (rep > 0) { sum += tps; if (tps > best) best = tps; }
  }
  printf("refc %s steps=%d: mean %.1f tok/s, best %.1f tok/s (ids hash %ld)\n", argv[1], steps,
         sum / repeat, best, check);
  if (printIds) {
    printf("ids:");
    for (int i = 0; i < steps; i++) printf("%s%d", i ? "," : " ", ids[i]);
    printf("\n");
  }
  return 0;
}
