using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// AGB codes (Vektis AGB-register: the Dutch care-provider code, 8 digits) of staff users: the one place that says what a
/// valid code is and finds the clinician who has one. A code belongs to at most one user.
/// </summary>
public static class AgbCodes
{
    public static bool IsValid(string? code) => code is { Length: 8 } && code.All(char.IsAsciiDigit);

    /// <summary>The user (of any role) holding the code, or null.</summary>
    public static async Task<UserAccount?> FindHolderAsync(IUserDirectory users, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        return (await users.ListAsync(null, cancellationToken)).FirstOrDefault(u => u.AgbCode == code);
    }
}
