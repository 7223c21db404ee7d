//go:build !purego

#include "textflag.h"

// func splitDotSSE2(l *[3]float64, dense *float32, w *float64, n int)
//
// X8 holds l[0] and l[1], X9 l[2]. For a value x ≠ 0 at index j, the row
// is w + 48j, plus 24 bytes when x is negative; |x| is widened to
// float64 and multiplied into the row's three weights.
TEXT ·splitDotSSE2(SB), NOSPLIT, $0-32
	MOVQ  l+0(FP), DX
	MOVQ  dense+8(FP), SI
	MOVQ  w+16(FP), R8
	MOVQ  n+24(FP), CX
	MOVUPD (DX), X8
	MOVSD  16(DX), X9

loop:
	MOVL  (SI), AX
	MOVL  AX, BX
	ANDL  $0x7fffffff, AX
	JZ    next
	SHRL  $31, BX
	LEAQ  (BX)(BX*2), BX
	LEAQ  (R8)(BX*8), BX
	MOVL  AX, X0
	CVTSS2SD X0, X0
	UNPCKLPD X0, X0
	MOVUPD (BX), X1
	MOVSD  16(BX), X2
	MULPD  X0, X1
	MULSD  X0, X2
	ADDPD  X1, X8
	ADDSD  X2, X9

next:
	ADDQ $4, SI
	ADDQ $48, R8
	DECQ CX
	JNZ  loop

	MOVUPD X8, (DX)
	MOVSD  X9, 16(DX)
	RET
