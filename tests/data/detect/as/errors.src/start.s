	.text
	.globl main
main:
	movl $1, %eax
	frob %eax
	ret
