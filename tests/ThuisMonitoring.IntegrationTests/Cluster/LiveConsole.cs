using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Cluster;

/// <summary>
/// A console as the web console runs it (ConsoleApp/live-connection.js), on the .NET SignalR client: connected to
/// <c>/hubs/alerts</c> of one host, reconnecting by itself and never giving up (1, 2, 5, 10 s, then every 15 s, with
/// a fresh token each time), and reading <c>GET /api/alerts</c> after every (re)connect so nothing raised while it was
/// away is missed. Keeps the patients whose alerts it was pushed and those it read.
/// </summary>
public sealed class LiveConsole : IAsyncDisposable
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];
    private readonly HubConnection _hub;
    private readonly Uri _host;
    private readonly ConcurrentDictionary<string, bool> _pushed = new();
    private readonly ConcurrentDictionary<string, bool> _read = new();
    private readonly ConcurrentDictionary<string, string> _levels = new();
    private int _reconnects;

    private LiveConsole(Uri host)
    {
        _host = host;
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host, "/hubs/alerts"), options => options.AccessTokenProvider = async () => await TokenAsync())
            .WithAutomaticReconnect(new NeverGiveUp())
            .Build();
        _hub.On<JsonElement>("alertChanged", alert => _pushed[alert.GetProperty("patientId").GetString()!] = true);
        _hub.On<JsonElement>("patientChanged", row => _levels[row.GetProperty("patientId").GetString()!] = row.GetProperty("level").GetString()!);
        _hub.Reconnected += async _ =>
        {
            Interlocked.Increment(ref _reconnects);
            await CatchUpAsync();
        };
    }

    /// <summary>Patients whose alerts were pushed to this console.</summary>
    public IReadOnlyCollection<string> Pushed => _pushed.Keys.ToList();

    /// <summary>Patients whose alerts this console shows: pushed, or read from the alert list after a (re)connect.</summary>
    public IReadOnlyCollection<string> Shown => _pushed.Keys.Union(_read.Keys).ToList();

    /// <summary>The level of each patient whose overview row was pushed (<c>patientChanged</c>), the latest push.</summary>
    public IReadOnlyDictionary<string, string> Levels => new Dictionary<string, string>(_levels);

    /// <summary>How often the connection came back by itself.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    public HubConnectionState State => _hub.State;

    public static async Task<LiveConsole> OpenAsync(Uri host)
    {
        var console = new LiveConsole(host);
        await console._hub.StartAsync();
        await console.CatchUpAsync();
        return console;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    private async Task CatchUpAsync()
    {
        using var client = new HttpClient { BaseAddress = _host, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());
        foreach (var alert in (await client.GetFromJsonAsync<List<AlertView>>("/api/alerts"))!)
        {
            _read[alert.PatientId] = true;
        }
    }

    private async Task<string> TokenAsync()
    {
        using var client = new HttpClient { BaseAddress = _host, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = HostProcess.AdminPassword });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    private sealed class NeverGiveUp : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(15);
    }
}
