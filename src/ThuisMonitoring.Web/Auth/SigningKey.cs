using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// The HMAC keys of the access tokens. With <c>Auth:SigningKeys</c> (base64, at least 32 bytes each; the same on
/// every host of a cluster, e.g. from one Kubernetes secret) the first signs and every one of them is accepted, so a
/// key is rotated by putting the new one first, keeping the old one until its tokens have expired (15 minutes), then
/// dropping it. Without it, one host's key is created once and kept in its data directory.
/// </summary>
public sealed class SigningKey
{
    public const string SigningKeysKey = "Auth:SigningKeys";

    public SigningKey(AuthOptions options)
    {
        var keys = options.SigningKeys.Length > 0 ? options.SigningKeys.Select(Decode).ToList() : [FromFile(options.SigningKeyPath)];
        ValidationKeys = keys.Select(bytes => new SymmetricSecurityKey(bytes) { KeyId = KeyIdOf(bytes) }).ToList();
        Key = ValidationKeys[0];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>Every key a token may be signed with (the signing key first).</summary>
    public IReadOnlyList<SymmetricSecurityKey> ValidationKeys { get; }

    private static byte[] Decode(string text, int index)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{SigningKeysKey}:{index} is not base64 (make one with: openssl rand -base64 64).");
        }

        return bytes.Length >= 32
            ? bytes
            : throw new InvalidOperationException($"{SigningKeysKey}:{index} has {bytes.Length} bytes; a signing key needs at least 32 (openssl rand -base64 64).");
    }

    private static byte[] FromFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var fresh = RandomNumberGenerator.GetBytes(64);
            File.WriteAllBytes(path, fresh);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>A key's id in the token header: the start of its SHA-256, so the key itself is never named.</summary>
    private static string KeyIdOf(byte[] key) => Convert.ToHexString(SHA256.HashData(key))[..16].ToLowerInvariant();
}
