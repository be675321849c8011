using System.Security.Cryptography;
using System.Text;

namespace ThuisMonitoring.Abstractions.Security;

/// <summary>
/// The code a patient types or scans to pair the app: 8 characters from an alphabet without look-alikes
/// (no 0/O, 1/I/L, U), shown as <c>ABCD-EFGH</c>; about 40 bits, one use, 24 hours, and the exchange is
/// throttled per address, so a fast hash suffices. Typed codes are read case-insensitively, with or without dashes and spaces.
/// </summary>
public static class PairingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;

    /// <summary>How long a code can be used.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>A new code as shown to the patient (<c>ABCD-EFGH</c>).</summary>
    public static string Generate()
    {
        Span<char> code = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            code[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{code[..4]}-{code[4..]}";
    }

    /// <summary>The code without separators in capitals; null when it cannot be a pairing code.</summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrEmpty(typed) || typed.Length > 32)
        {
            return null;
        }

        var builder = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            builder.Append(upper);
        }

        return builder.Length == Length ? builder.ToString() : null;
    }

    /// <summary>The stored form of a normalised code.</summary>
    public static string Hash(string normalised) =>
        "sha256:" + Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(normalised)));
}
