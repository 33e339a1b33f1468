using System.Buffers.Binary;
using System.Text;

namespace Mnist.MLNet.Native;

/// <summary>Reads and edits the GNU symbol-version tables of a 64-bit little-endian ELF shared library.</summary>
/// <remarks>
/// Only the two tables the loader consults are touched: <c>.gnu.version_r</c> (versions a library needs from
/// others) and <c>.gnu.version_d</c> (versions a library defines). Layouts follow the ELF gABI / LSB spec.
/// </remarks>
internal static class ElfSymbolVersions
{
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>Set in a version need (<c>vna_flags</c>): the loader only warns when the version is missing.</summary>
    public const ushort VerFlagWeak = 0x2;

    /// <summary>One version a library needs from another: <c>GLIBCXX_3.4.32</c> from <c>libstdc++.so.6</c>.</summary>
    public sealed record VersionNeed(string File, string Version, ushort Flags, long FlagsOffset)
    {
        public bool IsWeak => (Flags & VerFlagWeak) != 0;
    }

    /// <summary>Lists every version that <paramref name="path"/> needs from other libraries.</summary>
    public static IReadOnlyList<VersionNeed> ReadNeeds(string path) => ReadNeeds(File.ReadAllBytes(path), path);

    /// <summary>Lists the version names that the library at <paramref name="path"/> defines.</summary>
    public static IReadOnlyList<string> ReadDefinitions(string path)
    {
        var elf = File.ReadAllBytes(path);
        var result = new List<string>();
        foreach (var (offset, _, strtab) in Sections(elf, path, ShtGnuVerdef))
        {
            // Elf64_Verdef: version(2) flags(2) ndx(2) cnt(2) hash(4) aux(4) next(4); Elf64_Verdaux: name(4) next(4).
            long def = offset;
            while (true)
            {
                uint aux = U32(elf, def + 12), next = U32(elf, def + 16);
                result.Add(CString(elf, strtab + U32(elf, def + aux)));
                if (next == 0) break;
                def += next;
            }
        }
        return result;
    }

    /// <summary>Marks the named version needs weak in place; returns how many entries changed.</summary>
    /// <remarks>The file is rewritten through a temporary file renamed over it, so a reader never sees half of it.</remarks>
    public static int MarkWeak(string path, Func<VersionNeed, bool> select)
    {
        var elf = File.ReadAllBytes(path);
        int changed = 0;
        foreach (var need in ReadNeeds(elf, path).Where(n => !n.IsWeak && select(n)))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan((int)need.FlagsOffset), (ushort)(need.Flags | VerFlagWeak));
            changed++;
        }
        if (changed > 0) AtomicFile.Write(path, elf);
        return changed;
    }

    private static List<VersionNeed> ReadNeeds(byte[] elf, string path)
    {
        var result = new List<VersionNeed>();
        foreach (var (offset, _, strtab) in Sections(elf, path, ShtGnuVerneed))
        {
            // Elf64_Verneed: version(2) cnt(2) file(4) aux(4) next(4); Elf64_Vernaux: hash(4) flags(2) other(2) name(4) next(4).
            long need = offset;
            while (true)
            {
                string file = CString(elf, strtab + U32(elf, need + 4));
                long aux = need + U32(elf, need + 8);
                for (int i = 0, count = U16(elf, need + 2); i < count; i++)
                {
                    result.Add(new VersionNeed(file, CString(elf, strtab + U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                    aux += U32(elf, aux + 12);
                }
                uint next = U32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return result;
    }

    // Yields (file offset, size, linked string table offset) of each section of the given type.
    private static IEnumerable<(long Offset, long Size, long StringTable)> Sections(byte[] elf, string path, uint type)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new BadImageFormatException($"{path}: not an ELF file", path);
        if (elf[4] != 2 || elf[5] != 1)
            throw new BadImageFormatException($"{path}: only 64-bit little-endian ELF is supported", path);
        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        if (shoff <= 0 || shoff + (long)shentsize * shnum > elf.Length)
            throw new BadImageFormatException($"{path}: section header table lies outside the file", path);
        for (int i = 0; i < shnum; i++)
        {
            long header = shoff + (long)i * shentsize;
            if (U32(elf, header + 4) != type) continue;
            long offset = (long)U64(elf, header + 24), size = (long)U64(elf, header + 32);
            long link = shoff + (long)U32(elf, header + 40) * shentsize;
            yield return (offset, size, (long)U64(elf, link + 24));
        }
    }

    private static ushort U16(byte[] b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(checked((int)at)));
    private static uint U32(byte[] b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(checked((int)at)));
    private static ulong U64(byte[] b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(checked((int)at)));

    private static string CString(byte[] b, long at)
    {
        int start = checked((int)at), end = Array.IndexOf(b, (byte)0, start);
        return Encoding.ASCII.GetString(b, start, (end < 0 ? b.Length : end) - start);
    }
}
