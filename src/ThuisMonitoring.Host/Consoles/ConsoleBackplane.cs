using ThuisMonitoring.Web.Api;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Capacity;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Host.Consoles;

/// <summary>
/// This host's end of the console channel: announces who has a console open here (on every change of
/// <see cref="HubSessions"/>, every <see cref="ClusterConsolePresence.Heartbeat"/>, and when another host asks), takes
/// in the other hosts' announcements (a change nudges this host's capacity boards, <c>capacityChanged</c>), and pushes
/// the handovers the other hosts report to the consoles of their sender and receiver connected here. Users changed
/// through one host are forgotten by every host's token check (<see cref="SecurityStamps"/>), and the hub connections
/// of a user whose tokens were revoked are closed on every host; a host that (re)starts listening forgets every
/// cached user, as it may have missed changes.
/// </summary>
public sealed class ConsoleBackplane(
    ConsoleChannel channel, ClusterConsolePresence presence, HubSessions sessions, SecurityStamps stamps, CapacityNudge capacity, HandoverServices handovers,
    CareHandoverPush consolesHere, ILogger<ConsoleBackplane> logger) : BackgroundService
{
    private readonly SemaphoreSlim _announce = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        sessions.Changed += AnnounceSoon;
        stamps.Forgotten += UserChanged;
        sessions.Revoked += TokensRevoked;
        try
        {
            var listening = channel.ListenAsync(ReceivedAsync, ListeningAsync, stoppingToken);
            await Task.WhenAll(listening, AnnounceAsync(stoppingToken));
        }
        finally
        {
            sessions.Changed -= AnnounceSoon;
            stamps.Forgotten -= UserChanged;
            sessions.Revoked -= TokensRevoked;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await channel.PublishAsync(new ConsoleBroadcast(channel.Origin, ConsoleBroadcast.Bye), timeout.Token);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException or OperationCanceledException)
        {
            logger.LogInformation("No bye to the other hosts ({Reason}); they stop counting this host's consoles after {Lifetime}", exception.Message, ClusterConsolePresence.Lifetime);
        }
    }

    private void AnnounceSoon()
    {
        if (_announce.CurrentCount == 0)
        {
            _announce.Release();
        }
    }

    private void UserChanged(string username) => Tell(new ConsoleBroadcast(channel.Origin, ConsoleBroadcast.User, Username: username));

    private void TokensRevoked(string username) => Tell(new ConsoleBroadcast(channel.Origin, ConsoleBroadcast.Revoked, Username: username));

    // Sent without holding up the change (the caller has committed it); a lost message is logged.
    private void Tell(ConsoleBroadcast broadcast) => _ = Task.Run(async () =>
    {
        try
        {
            await channel.PublishAsync(broadcast, CancellationToken.None);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
        {
            logger.LogError(exception, "User {Username}: the other hosts were not told ({Kind}); they notice at their next start or reconnect", broadcast.Username, broadcast.Kind);
        }
    });

    // After every (re)connect: what this host missed meanwhile is asked for again, and the others hear this host's list.
    private async Task ListeningAsync()
    {
        stamps.ForgetAll();
        await channel.PublishAsync(new ConsoleBroadcast(channel.Origin, ConsoleBroadcast.Ask), CancellationToken.None);
        AnnounceSoon();
    }

    private async Task AnnounceAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _announce.WaitAsync(ClusterConsolePresence.Heartbeat, stoppingToken);
                while (_announce.Wait(0))
                {
                    // One announcement covers every change so far.
                }

                foreach (var announcement in presence.Announcements(channel.Origin))
                {
                    await channel.PublishAsync(announcement, stoppingToken);
                }

                if (presence.Expire())
                {
                    capacity.Changed();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning(exception, "Consoles of this host not announced to the other hosts; trying again in {Heartbeat}", ClusterConsolePresence.Heartbeat);
            }
        }
    }

    private async Task ReceivedAsync(ConsoleBroadcast broadcast)
    {
        switch (broadcast.Kind)
        {
            case ConsoleBroadcast.Presence when presence.Heard(broadcast):
            case ConsoleBroadcast.Bye when presence.Forget(broadcast.Origin):
                capacity.Changed();
                break;
            case ConsoleBroadcast.Ask:
                AnnounceSoon();
                break;
            case ConsoleBroadcast.User when broadcast.Username is { } username:
                stamps.ForgetHere(username);
                break;
            case ConsoleBroadcast.Revoked when broadcast.Username is { } username:
                stamps.ForgetHere(username);
                logger.LogInformation("User {Username}: tokens revoked through another host; {HubConnections} live connections closed here", username, sessions.CloseHere(username));
                break;
            case ConsoleBroadcast.Handover when broadcast.HandoverId is { } handoverId:
                await PushHandoverAsync(handoverId);
                break;
        }
    }

    private async Task PushHandoverAsync(string handoverId)
    {
        var stored = await handovers.Register.GetAsync(handoverId, CancellationToken.None);
        if (stored is null)
        {
            logger.LogWarning("Handover {HandoverId} announced by another host is not in the register", handoverId);
            return;
        }

        var record = await handovers.Directory.GetAsync(stored.PatientId, CancellationToken.None);
        await consolesHere.ChangedAsync(await handovers.PresentAsync(stored, record?.Name, CancellationToken.None), record?.Organisation, CancellationToken.None);
    }
}
