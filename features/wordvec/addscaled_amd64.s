//go:build !purego

#include "textflag.h"

// WIDEN16 reads the 16 bytes at SI and leaves them as float32 in X0–X3,
// in order: each byte b is widened to a signed 32-bit integer by unpacking
// it with itself twice (b·2^24 + b·2^16 + b·2^8 + b) and shifting it right
// by 24 arithmetically. It uses X0–X3.
#define WIDEN16 \
	MOVOU (SI), X0 \
	MOVO  X0, X2 \
	PUNPCKLBW X0, X0 \
	PUNPCKHBW X2, X2 \
	MOVO  X0, X1 \
	MOVO  X2, X3 \
	PUNPCKLWL X0, X0 \
	PUNPCKHWL X1, X1 \
	PUNPCKLWL X2, X2 \
	PUNPCKHWL X3, X3 \
	PSRAL $24, X0 \
	PSRAL $24, X1 \
	PSRAL $24, X2 \
	PSRAL $24, X3 \
	CVTPL2PS X0, X0 \
	CVTPL2PS X1, X1 \
	CVTPL2PS X2, X2 \
	CVTPL2PS X3, X3

// WIDEN4 does the same for the 4 bytes at SI, into X0. It uses AX.
#define WIDEN4 \
	MOVL (SI), AX \
	MOVQ AX, X0 \
	PUNPCKLBW X0, X0 \
	PUNPCKLWL X0, X0 \
	PSRAL $24, X0 \
	CVTPL2PS X0, X0

// func addScaledSSE2(dst *float32, q *int8, n int, s float32)
//
// The bytes are widened by WIDEN16 and WIDEN4.
TEXT ·addScaledSSE2(SB), NOSPLIT, $0-28
	MOVQ  dst+0(FP), DI
	MOVQ  q+8(FP), SI
	MOVQ  n+16(FP), CX
	MOVSS s+24(FP), X7
	SHUFPS $0x00, X7, X7

loop16:
	CMPQ CX, $16
	JLT  loop4
	WIDEN16
	MULPS X7, X0
	MULPS X7, X1
	MULPS X7, X2
	MULPS X7, X3
	MOVUPS (DI), X4
	MOVUPS 16(DI), X5
	ADDPS  X0, X4
	ADDPS  X1, X5
	MOVUPS X4, (DI)
	MOVUPS X5, 16(DI)
	MOVUPS 32(DI), X4
	MOVUPS 48(DI), X5
	ADDPS  X2, X4
	ADDPS  X3, X5
	MOVUPS X4, 32(DI)
	MOVUPS X5, 48(DI)
	ADDQ $16, SI
	ADDQ $64, DI
	SUBQ $16, CX
	JMP  loop16

loop4:
	CMPQ CX, $4
	JLT  done
	WIDEN4
	MULPS X7, X0
	MOVUPS (DI), X4
	ADDPS  X0, X4
	MOVUPS X4, (DI)
	ADDQ $4, SI
	ADDQ $16, DI
	SUBQ $4, CX
	JMP  loop4

done:
	RET

// func divSSE2(v *float32, n int, w float32)
//
// v[j] /= w for the first n values, n a multiple of 4, with DIVPS: the
// same correctly rounded division as Go's, four at a time.
TEXT ·divSSE2(SB), NOSPLIT, $0-20
	MOVQ  v+0(FP), DI
	MOVQ  n+8(FP), CX
	MOVSS w+16(FP), X7
	SHUFPS $0x00, X7, X7

loop8:
	CMPQ CX, $8
	JLT  loop4
	MOVUPS (DI), X0
	MOVUPS 16(DI), X1
	DIVPS  X7, X0
	DIVPS  X7, X1
	MOVUPS X0, (DI)
	MOVUPS X1, 16(DI)
	ADDQ $32, DI
	SUBQ $8, CX
	JMP  loop8

loop4:
	CMPQ CX, $4
	JLT  done
	MOVUPS (DI), X0
	DIVPS  X7, X0
	MOVUPS X0, (DI)
	ADDQ $16, DI
	SUBQ $4, CX
	JMP  loop4

done:
	RET

// func addScaled2SSE2(d1, d2 *float32, q *int8, n int, s1, s2 float32)
//
// addScaledSSE2 into two destinations at once, d1 with s1 and d2 with
// s2: the bytes are widened and converted once.
TEXT ·addScaled2SSE2(SB), NOSPLIT, $0-40
	MOVQ  d1+0(FP), DI
	MOVQ  d2+8(FP), DX
	MOVQ  q+16(FP), SI
	MOVQ  n+24(FP), CX
	MOVSS s1+32(FP), X7
	SHUFPS $0x00, X7, X7
	MOVSS s2+36(FP), X6
	SHUFPS $0x00, X6, X6

loop16:
	CMPQ CX, $16
	JLT  loop4
	WIDEN16
	// d1 += s1·q
	MOVAPS X0, X8
	MOVAPS X1, X9
	MOVAPS X2, X10
	MOVAPS X3, X11
	MULPS X7, X8
	MULPS X7, X9
	MULPS X7, X10
	MULPS X7, X11
	MOVUPS (DI), X4
	MOVUPS 16(DI), X5
	ADDPS  X8, X4
	ADDPS  X9, X5
	MOVUPS X4, (DI)
	MOVUPS X5, 16(DI)
	MOVUPS 32(DI), X4
	MOVUPS 48(DI), X5
	ADDPS  X10, X4
	ADDPS  X11, X5
	MOVUPS X4, 32(DI)
	MOVUPS X5, 48(DI)
	// d2 += s2·q
	MULPS X6, X0
	MULPS X6, X1
	MULPS X6, X2
	MULPS X6, X3
	MOVUPS (DX), X4
	MOVUPS 16(DX), X5
	ADDPS  X0, X4
	ADDPS  X1, X5
	MOVUPS X4, (DX)
	MOVUPS X5, 16(DX)
	MOVUPS 32(DX), X4
	MOVUPS 48(DX), X5
	ADDPS  X2, X4
	ADDPS  X3, X5
	MOVUPS X4, 32(DX)
	MOVUPS X5, 48(DX)
	ADDQ $16, SI
	ADDQ $64, DI
	ADDQ $64, DX
	SUBQ $16, CX
	JMP  loop16

loop4:
	CMPQ CX, $4
	JLT  done2
	WIDEN4
	MOVAPS X0, X8
	MULPS X7, X8
	MOVUPS (DI), X4
	ADDPS  X8, X4
	MOVUPS X4, (DI)
	MULPS X6, X0
	MOVUPS (DX), X4
	ADDPS  X0, X4
	MOVUPS X4, (DX)
	ADDQ $4, SI
	ADDQ $16, DI
	ADDQ $16, DX
	SUBQ $4, CX
	JMP  loop4

done2:
	RET
