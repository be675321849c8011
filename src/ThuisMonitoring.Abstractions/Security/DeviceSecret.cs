using System.Security.Cryptography;
using System.Text;

namespace ThuisMonitoring.Abstractions.Security;

/// <summary>
/// Per-device secrets. A secret is 32 random bytes, shown once at binding and kept only as its SHA-256 hash:
/// with that much entropy a fast hash is safe, and it keeps a reconnect storm of thousands of devices cheap.
/// </summary>
public static class DeviceSecret
{
    private const string Scheme = "sha256:";

    /// <summary>A new secret and the hash to store.</summary>
    public static (string Secret, string Hash) Generate()
    {
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret));
    }

    public static string Hash(string secret) =>
        Scheme + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Constant-time comparison of a presented secret with the stored hash.</summary>
    public static bool Matches(string? secret, string storedHash)
    {
        if (string.IsNullOrEmpty(secret) || !storedHash.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(storedHash);
        var actual = Encoding.ASCII.GetBytes(Hash(secret));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
