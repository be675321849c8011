using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Alerts;

/// <summary>
/// Two nurses and one alert: claim, a refused second claim, hand over and release over the API, each step pushed
/// to the console's SignalR hub.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class AlertClaimTests(SharedHost shared, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly HostLog _log = new(shared.Host, output);
    private readonly ConcurrentQueue<ClaimView> _pushed = new();
    private HubConnection? _hub;
    private StaffMember? _anna;
    private StaffMember? _bram;

    public async Task InitializeAsync()
    {
        _anna = await shared.Ward.HireAsync("nurse");
        _bram = await shared.Ward.HireAsync("nurse");
        var token = await shared.Host.GetTokenAsync(_anna.Username, _anna.Password);
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(shared.Host.BaseAddress, "/hubs/alerts"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        _hub.On<JsonElement>("alertChanged", alert => _pushed.Enqueue(alert.Deserialize<ClaimView>(JsonSerializerOptions.Web)!));
        await _hub.StartAsync();
    }

    [Fact]
    public async Task A_claimed_alert_is_refused_to_a_colleague_until_handed_over_and_each_step_is_pushed()
    {
        var alertId = await OpenAlertAsync();
        using var anna = await shared.Ward.SignInAsync(_anna!);
        using var bram = await shared.Ward.SignInAsync(_bram!);

        using var annaClaims = await anna.PostAsync($"/api/alerts/{alertId}/claim", content: null);
        await Ward.ExpectAsync(annaClaims, HttpStatusCode.OK);
        var claimed = (await annaClaims.Content.ReadFromJsonAsync<ClaimView>())!;
        claimed.ClaimedBy.Should().Be(_anna!.Username);
        claimed.ClaimedAt.Should().NotBeNull();
        claimed.Status.Should().Be("open");
        await PushedAsync(alertId, _anna.Username, "Anna's claim pushed to the console");

        using var bramClaims = await bram.PostAsync($"/api/alerts/{alertId}/claim", content: null);
        bramClaims.StatusCode.Should().Be(HttpStatusCode.Conflict);
        bramClaims.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await bramClaims.Content.ReadFromJsonAsync<ProblemView>())!.Detail.Should().Contain(_anna.Username);

        using var handOver = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/handover", new { to = _bram!.Username });
        await Ward.ExpectAsync(handOver, HttpStatusCode.OK);
        (await handOver.Content.ReadFromJsonAsync<ClaimView>())!.ClaimedBy.Should().Be(_bram.Username);
        await PushedAsync(alertId, _bram.Username, "the hand-over to Bram pushed to the console");

        using var bramReleases = await bram.PostAsync($"/api/alerts/{alertId}/unclaim", content: null);
        await Ward.ExpectAsync(bramReleases, HttpStatusCode.OK);
        (await bramReleases.Content.ReadFromJsonAsync<ClaimView>())!.ClaimedBy.Should().BeNull();
        await PushedAsync(alertId, null, "Bram's release pushed to the console", after: _bram.Username);
        (await ListedAsync(alertId)).ClaimedBy.Should().BeNull();
    }

    [Fact]
    public async Task Handing_over_to_someone_who_is_not_a_nurse_is_a_bad_request_and_a_non_claimer_cannot_release()
    {
        var alertId = await OpenAlertAsync();
        var clinician = await shared.Ward.HireAsync("clinician");
        using var anna = await shared.Ward.SignInAsync(_anna!);
        using var bram = await shared.Ward.SignInAsync(_bram!);
        using var claim = await anna.PostAsync($"/api/alerts/{alertId}/claim", content: null);
        await Ward.ExpectAsync(claim, HttpStatusCode.OK);

        using var toStranger = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/handover", new { to = "nobody.here" });
        using var toClinician = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/handover", new { to = clinician.Username });
        using var withoutTo = await anna.PostAsJsonAsync($"/api/alerts/{alertId}/handover", new { });
        using var bramReleases = await bram.PostAsync($"/api/alerts/{alertId}/unclaim", content: null);
        using var bramHandsOver = await bram.PostAsJsonAsync($"/api/alerts/{alertId}/handover", new { to = _bram!.Username });

        toStranger.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await toStranger.Content.ReadFromJsonAsync<ProblemView>())!.Detail.Should().Contain("nobody.here");
        toClinician.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        withoutTo.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        bramReleases.StatusCode.Should().Be(HttpStatusCode.Conflict);
        bramHandsOver.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await ListedAsync(alertId)).ClaimedBy.Should().Be(_anna!.Username);
    }

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _log.Dispose();
    }

    private async Task<string> OpenAlertAsync()
    {
        var patient = await shared.Ward.AdmitAsync();
        await shared.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Json(Measurement.NewMessageId(), spo2: 88, oxygenFlow: 2.0));
        var open = await Eventually.GetAsync(
            () => shared.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert");
        return open[0].AlertId;
    }

    private async Task<ClaimView> ListedAsync(string alertId)
    {
        var listed = await shared.Ward.Admin.GetFromJsonAsync<List<ClaimView>>("/api/alerts");
        return listed!.Single(a => a.AlertId == alertId);
    }

    /// <summary>Waits for a push of the alert with this claimer; with <paramref name="after"/>, one that follows a push claimed by that nurse.</summary>
    private async Task PushedAsync(string alertId, string? claimedBy, string what, string? after = null)
    {
        await Eventually.GetAsync(
            () => Task.FromResult(_pushed.ToArray()),
            pushed => pushed
                .Where(a => a.AlertId == alertId)
                .SkipWhile(a => after is not null && a.ClaimedBy != after)
                .Any(a => a.ClaimedBy == claimedBy && (claimedBy is null) == (a.ClaimedAt is null)),
            TimeSpan.FromSeconds(10),
            what);
    }

    /// <summary>The claim fields of an alert as the API and the hub show them.</summary>
    private sealed record ClaimView(string AlertId, string Status, string? ClaimedBy, DateTimeOffset? ClaimedAt);
}
