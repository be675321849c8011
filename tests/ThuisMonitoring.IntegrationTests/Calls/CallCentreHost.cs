using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Calls;

/// <summary>
/// A real host whose notification hook writes into a <see cref="NotificationInbox"/>; with <see cref="AdjustableClock"/>
/// also the test clock and a watch over unclaimed alerts every second.
/// </summary>
public abstract class CallCentreHost : IAsyncLifetime
{
    private HostProcess? _host;
    private Ward? _ward;

    public NotificationInbox Inbox { get; } = new();

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public Ward Ward => _ward ?? throw new InvalidOperationException("The host is not started.");

    public MosquittoClients Mosquitto => new(Host.MqttPort);

    protected abstract bool AdjustableClock { get; }

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string>(Inbox.Settings);
        if (AdjustableClock)
        {
            settings["Testing:AdjustableClock"] = "true";
            settings["Alerts:WatchIntervalSeconds"] = "1";
        }

        _host = await HostProcess.StartAsync(settings: settings);
        _ward = await Ward.OpenAsync(_host);
    }

    /// <summary>Admits a patient (with a phone number) and raises an urgent alert for them over MQTT.</summary>
    public async Task<(AdmittedPatient Patient, string AlertId)> UrgentAlertAsync()
    {
        var patient = await Ward.AdmitAsync();
        await Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic,
            // Taken ten minutes ago: a later spot check of the same meter is then a spot check too, not the warm-up of a stream (PROTOCOL.md section 4).
            Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var open = await Eventually.GetAsync(
            () => Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Any(x => x.Level == "urgent"), null, "an open urgent alert");
        return (patient, open.First(a => a.Level == "urgent").AlertId);
    }

    /// <summary>The alert as GET /api/alerts lists it.</summary>
    public async Task<CallAlertView> AlertAsync(string alertId)
    {
        var listed = await Ward.Admin.GetFromJsonAsync<List<CallAlertView>>("/api/alerts");
        return listed!.Single(a => a.AlertId == alertId);
    }

    /// <summary>Waits for the hook to have received a notification matching <paramref name="holds"/>.</summary>
    public Task<HookNotification> DeliveredAsync(Func<HookNotification, bool> holds, string what, TimeSpan? timeout = null) =>
        Eventually.GetAsync(
            () => Task.FromResult(Inbox.Received().FirstOrDefault(holds)),
            n => n is not null,
            timeout ?? TimeSpan.FromSeconds(15),
            what).ContinueWith(t => t.Result!, TaskScheduler.Default);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        await Ward.ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public async Task DisposeAsync()
    {
        _ward?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Inbox.Dispose();
    }
}

/// <summary>The call centre on real time.</summary>
public sealed class CallCentre : CallCentreHost
{
    protected override bool AdjustableClock => false;
}

/// <summary>The call centre on the test clock, watching unclaimed alerts every second.</summary>
public sealed class ClockedCallCentre : CallCentreHost
{
    protected override bool AdjustableClock => true;
}

[CollectionDefinition(Name)]
public sealed class CallCentreCollection : ICollectionFixture<CallCentre>
{
    public const string Name = "call centre";
}

[CollectionDefinition(Name)]
public sealed class ClockedCallCentreCollection : ICollectionFixture<ClockedCallCentre>
{
    public const string Name = "call centre on the test clock";
}
