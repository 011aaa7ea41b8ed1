// Fortran-ABI prototypes for the BLAS/LAPACK routines creditrisk calls.
// Provided by liblapack.so.3 / libblas.so.3 (reference or OpenBLAS, chosen at
// run time by Debian's alternatives). No header package is needed.
//  - every argument is passed by pointer; integers are 32-bit (LP64 build)
//  - input-only arguments are const so Swift can pass `&n` twice
//  - CHARACTER arguments carry a hidden trailing length (size_t, gfortran >= 8)
//  - matrices are column-major
#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
#include <stddef.h>

// MARK: BLAS level 2 and 3
void dsyrk_(const char *uplo, const char *trans, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda,
            const double *beta, double *c, const int *ldc,
            size_t uplo_len, size_t trans_len);
void dgemv_(const char *trans, const int *m, const int *n,
            const double *alpha, const double *a, const int *lda,
            const double *x, const int *incx,
            const double *beta, double *y, const int *incy,
            size_t trans_len);
void dgemm_(const char *transa, const char *transb, const int *m,
            const int *n, const int *k, const double *alpha,
            const double *a, const int *lda, const double *b, const int *ldb,
            const double *beta, double *c, const int *ldc,
            size_t transa_len, size_t transb_len);
void dtrsv_(const char *uplo, const char *trans, const char *diag,
            const int *n, const double *a, const int *lda, double *x,
            const int *incx, size_t uplo_len, size_t trans_len,
            size_t diag_len);

// MARK: LAPACK
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda,
             int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const int *n, const int *nrhs,
             const double *a, const int *lda, double *b, const int *ldb,
             int *info, size_t uplo_len);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda,
             int *info, size_t uplo_len);
void dpstrf_(const char *uplo, const int *n, double *a, const int *lda,
             int *piv, int *rank, const double *tol, double *work, int *info,
             size_t uplo_len);
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs,
            double *a, const int *lda, double *b, const int *ldb,
            double *work, const int *lwork, int *info, size_t trans_len);

#endif
