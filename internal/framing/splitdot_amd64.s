//go:build !purego

#include "textflag.h"

// func splitDotSSE2(l *[3]float64, dense *float32, w *float64, n int)
//
// X8 holds l[0] and l[1], X9 l[2]. For a value x ≠ 0 at index j, the row
// is w + 48j, plus 24 bytes when x is negative; |x| is widened to
// float64 and multiplied into the row's three weights. n must be > 0.
TEXT ·splitDotSSE2(SB), NOSPLIT, $0-32
	MOVQ  l+0(FP), DX
	MOVQ  dense+8(FP), SI
	MOVQ  w+16(FP), R8
	MOVQ  n+24(FP), CX
	MOVUPD (DX), X8
	MOVSD  16(DX), X9
	// SI at the end of dense, CX counting up from -n to 0
	LEAQ  (SI)(CX*4), SI
	NEGQ  CX

loop:
	MOVL  (SI)(CX*4), AX
	MOVL  AX, BX
	ANDL  $0x7fffffff, AX
	JZ    next
	// BX: 24 bytes (3 weights) when the sign bit is set, else 0
	SARL  $31, BX
	ANDL  $24, BX
	MOVL  AX, X0
	CVTSS2SD X0, X0
	UNPCKLPD X0, X0
	MOVUPD (R8)(BX*1), X1
	MOVSD  16(R8)(BX*1), X2
	MULPD  X0, X1
	MULSD  X0, X2
	ADDPD  X1, X8
	ADDSD  X2, X9

next:
	ADDQ $48, R8
	INCQ CX
	JNZ  loop

	MOVUPD X8, (DX)
	MOVSD  X9, 16(DX)
	RET
