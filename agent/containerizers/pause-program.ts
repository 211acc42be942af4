/**
 * The "pause" program a pod's parent container runs: it holds the pod's
 * shared network, ipc and uts namespaces and does nothing else (sleeps in a
 * loop, ignores everything but SIGKILL, uses no memory to speak of).
 *
 * It is a complete static Linux executable of a few dozen bytes, written
 * here as an ELF header, one loadable segment and a three-instruction loop,
 * so pods need no image and no helper binary on the host. x86-64 is the
 * architecture the agent is tested on; the arm64 loop is provided for
 * completeness and is not exercised by the test suite.
 */

/** Machine code of the loop, per `process.arch`. */
const LOOPS: Record<string, { machine: number; code: Buffer }> = {
  // loop: mov eax, 34 (pause); syscall; jmp loop
  x64: { machine: 0x3e, code: Buffer.from([0xb8, 0x22, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xeb, 0xf7]) },
  // loop: mov x0..x4, #0; mov x8, #73 (ppoll); svc #0; b loop
  arm64: {
    machine: 0xb7,
    code: Buffer.from(
      new Uint32Array([0xd2800000, 0xd2800001, 0xd2800002, 0xd2800003, 0xd2800004, 0xd2800928, 0xd4000001, 0x17fffff9]).buffer,
    ),
  },
};

const LOAD_ADDRESS = 0x400000;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;

/** True when {@link pauseProgram} can build the program for `arch`. */
export function pauseSupported(arch: string = process.arch): boolean {
  return arch in LOOPS;
}

/**
 * The pause executable for `arch` (default: this machine's). Throws for an
 * architecture it has no machine code for.
 */
export function pauseProgram(arch: string = process.arch): Buffer {
  const loop = LOOPS[arch];
  if (!loop) throw new Error(`pods need the built-in pause program, which has no machine code for ${arch} (x64 and arm64 only)`);
  const codeOffset = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE;
  const size = codeOffset + loop.code.length;
  const elf = Buffer.alloc(size);
  // ELF header
  elf.write('\x7fELF', 0, 'latin1');
  elf[4] = 2; // 64-bit
  elf[5] = 1; // little endian
  elf[6] = 1; // ELF version
  elf.writeUInt16LE(2, 16); // ET_EXEC
  elf.writeUInt16LE(loop.machine, 18);
  elf.writeUInt32LE(1, 20); // version
  elf.writeBigUInt64LE(BigInt(LOAD_ADDRESS + codeOffset), 24); // entry point
  elf.writeBigUInt64LE(BigInt(ELF_HEADER_SIZE), 32); // program headers right after
  elf.writeBigUInt64LE(0n, 40); // no section headers
  elf.writeUInt32LE(0, 48); // flags
  elf.writeUInt16LE(ELF_HEADER_SIZE, 52);
  elf.writeUInt16LE(PROGRAM_HEADER_SIZE, 54);
  elf.writeUInt16LE(1, 56); // one program header
  elf.writeUInt16LE(64, 58); // section header size (none present)
  elf.writeUInt16LE(0, 60);
  elf.writeUInt16LE(0, 62);
  // Program header: the whole file loaded read + execute at LOAD_ADDRESS
  const ph = ELF_HEADER_SIZE;
  elf.writeUInt32LE(1, ph); // PT_LOAD
  elf.writeUInt32LE(5, ph + 4); // PF_R | PF_X
  elf.writeBigUInt64LE(0n, ph + 8); // offset
  elf.writeBigUInt64LE(BigInt(LOAD_ADDRESS), ph + 16); // vaddr
  elf.writeBigUInt64LE(BigInt(LOAD_ADDRESS), ph + 24); // paddr
  elf.writeBigUInt64LE(BigInt(size), ph + 32); // file size
  elf.writeBigUInt64LE(BigInt(size), ph + 40); // memory size
  elf.writeBigUInt64LE(0x1000n, ph + 48); // alignment
  loop.code.copy(elf, codeOffset);
  return elf;
}
