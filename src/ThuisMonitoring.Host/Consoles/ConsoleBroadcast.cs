using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Consoles;

/// <summary>
/// One message between the hosts of a cluster about their consoles (PostgreSQL channel <see cref="ConsoleChannel.Name"/>):
/// <list type="bullet">
/// <item><c>presence</c>: who has a console open on <see cref="Origin"/> now; one generation of the host's list, split in
/// <see cref="Parts"/> messages to fit a notification;</item>
/// <item><c>ask</c>: a host that (re)started listening asks every other host to announce its presence now;</item>
/// <item><c>bye</c>: a host that stops; its consoles are gone;</item>
/// <item><c>handover</c>: handover <see cref="HandoverId"/> was requested or decided; each host pushes it to the consoles
/// of its sender and receiver it holds (read from the register, which all hosts share);</item>
/// <item><c>user</c>: user <see cref="Username"/> was changed; each host forgets what it cached of them (security stamp,
/// disabled);</item>
/// <item><c>revoked</c>: every token of <see cref="Username"/> was revoked; each host closes their hub connections.</item>
/// </list>
/// </summary>
public sealed record ConsoleBroadcast(
    string Origin,
    string Kind,
    long Generation = 0,
    int Part = 0,
    int Parts = 0,
    IReadOnlyList<ConsoleUser>? Users = null,
    string? HandoverId = null,
    string? Username = null)
{
    public const string Presence = "presence";
    public const string Ask = "ask";
    public const string Bye = "bye";
    public const string Handover = "handover";
    public const string User = "user";
    public const string Revoked = "revoked";
}
