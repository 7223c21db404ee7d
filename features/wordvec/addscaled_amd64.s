//go:build !purego

#include "textflag.h"

// func addScaledSSE2(dst *float32, q *int8, n int, s float32)
//
// A byte b is widened to a signed 32-bit integer by unpacking it with
// itself twice (b·2^24 + b·2^16 + b·2^8 + b) and shifting it right by 24
// arithmetically.
TEXT ·addScaledSSE2(SB), NOSPLIT, $0-28
	MOVQ  dst+0(FP), DI
	MOVQ  q+8(FP), SI
	MOVQ  n+16(FP), CX
	MOVSS s+24(FP), X7
	SHUFPS $0x00, X7, X7

loop16:
	CMPQ CX, $16
	JLT  loop4
	MOVOU (SI), X0
	MOVO  X0, X2
	PUNPCKLBW X0, X0
	PUNPCKHBW X2, X2
	MOVO  X0, X1
	MOVO  X2, X3
	PUNPCKLWL X0, X0
	PUNPCKHWL X1, X1
	PUNPCKLWL X2, X2
	PUNPCKHWL X3, X3
	PSRAL $24, X0
	PSRAL $24, X1
	PSRAL $24, X2
	PSRAL $24, X3
	CVTPL2PS X0, X0
	CVTPL2PS X1, X1
	CVTPL2PS X2, X2
	CVTPL2PS X3, X3
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
	MOVL (SI), AX
	MOVQ AX, X0
	PUNPCKLBW X0, X0
	PUNPCKLWL X0, X0
	PSRAL $24, X0
	CVTPL2PS X0, X0
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
