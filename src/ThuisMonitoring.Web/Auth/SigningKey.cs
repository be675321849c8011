using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ThuisMonitoring.Web.Auth;

/// <summary>The HMAC key that signs access tokens, created once and kept in the data directory.</summary>
public sealed class SigningKey
{
    public SigningKey(AuthOptions options)
    {
        var path = options.SigningKeyPath;
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

        Key = new SymmetricSecurityKey(File.ReadAllBytes(path));
    }

    public SymmetricSecurityKey Key { get; }
}
