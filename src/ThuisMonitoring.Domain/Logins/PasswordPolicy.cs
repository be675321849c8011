namespace ThuisMonitoring.Domain.Logins;

/// <summary>
/// The one password rule for staff logins (new users, password change and reset, the bootstrapped admin):
/// at least <see cref="MinimumLength"/> characters, not the username, and not a common password. A password counts
/// as common when it, or what is left after stripping trailing digits and punctuation ("welkom2024!" → "welkom"),
/// is in the shipped list (<c>CommonPasswords.txt</c>), or when it is only digits and punctuation.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    private static readonly char[] TrailingNoise = [.. "0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> "];

    private static readonly Lazy<HashSet<string>> Common = new(ReadCommonPasswords);

    /// <summary>Number of entries in the shipped list of common passwords.</summary>
    public static int CommonPasswordCount => Common.Value.Count;

    /// <summary>Null when <paramref name="password"/> may be used by <paramref name="username"/>; otherwise the rule it breaks.</summary>
    public static PasswordRefusal? Check(string? password, string? username)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            return new(PasswordRule.TooShort, $"password must be at least {MinimumLength} characters; a passphrase of a few words is easiest.");
        }

        if (password.Length > MaximumLength)
        {
            return new(PasswordRule.TooLong, $"password must be at most {MaximumLength} characters.");
        }

        if (username is not null && string.Equals(password.Trim(), username.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return new(PasswordRule.SameAsUsername, "password must not be the username.");
        }

        var lower = password.ToLowerInvariant();
        var stem = lower.TrimEnd(TrailingNoise);
        if (stem.Length == 0 || Common.Value.Contains(lower) || (stem.Length < lower.Length && Common.Value.Contains(stem)))
        {
            return new(PasswordRule.Common, "password is too common (it is on the list of often-used passwords, or only a common word with digits added); choose a passphrase of a few unrelated words.");
        }

        return null;
    }

    private static HashSet<string> ReadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("ThuisMonitoring.Domain.Logins.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not embedded in the domain assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }

        return set;
    }
}

/// <summary>Which part of the <see cref="PasswordPolicy"/> a password breaks.</summary>
public enum PasswordRule
{
    TooShort,
    TooLong,
    SameAsUsername,
    Common,
}

/// <summary>Why a password is refused: the rule (for clients) and a sentence for the user.</summary>
public sealed record PasswordRefusal(PasswordRule Rule, string Reason);
