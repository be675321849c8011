using System.Net;
using ThuisMonitoring.Domain.Logins;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// Failed logins counted per username (known or not, ignoring case) and per client address, each under its own
/// <see cref="LockoutRule"/> from <c>Auth:Lockout</c>. A success forgives the username, not the address: one valid
/// account must not reset an address that is guessing at others.
/// </summary>
public sealed class LoginThrottle
{
    private readonly LoginLockout _users;
    private readonly LoginLockout _addresses;

    public LoginThrottle(AuthOptions options, TimeProvider clock)
    {
        var lockout = options.Lockout;
        var window = TimeSpan.FromMinutes(lockout.WindowMinutes);
        var first = TimeSpan.FromSeconds(lockout.FirstLockSeconds);
        var maximum = TimeSpan.FromMinutes(lockout.MaximumLockMinutes);
        _users = new LoginLockout(new LockoutRule(lockout.FailuresPerUser, window, first, maximum), clock);
        _addresses = new LoginLockout(new LockoutRule(lockout.FailuresPerAddress, window, first, maximum), clock);
    }

    /// <summary>How long this username or this address must still wait; null when the attempt may go ahead.</summary>
    public TimeSpan? RetryAfter(string username, IPAddress? address)
    {
        var user = _users.RetryAfter(UserKey(username));
        var client = _addresses.RetryAfter(AddressKey(address));
        return user is null ? client : client is null ? user : user > client ? user : client;
    }

    /// <summary>Counts a failed attempt; returns the lock it starts, if any.</summary>
    public TimeSpan? Failed(string username, IPAddress? address)
    {
        var user = _users.RecordFailure(UserKey(username));
        var client = _addresses.RecordFailure(AddressKey(address));
        return user is null ? client : client is null ? user : user > client ? user : client;
    }

    public void Succeeded(string username) => _users.Reset(UserKey(username));

    private static string UserKey(string username) => username.Trim().ToLowerInvariant();

    private static string AddressKey(IPAddress? address) =>
        address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
