using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Web.Hubs;

/// <summary>
/// Tells the sender's and the receiver's consoles that a warm handover was requested or decided. On one host
/// <see cref="CareHandoverPush"/> pushes to this host's hub; in cluster mode the host composition also tells the other
/// hosts, which push to theirs.
/// </summary>
public interface ICareHandoverPush
{
    Task ChangedAsync(CareHandoverDto handover, string? organisation, CancellationToken cancellationToken);
}
