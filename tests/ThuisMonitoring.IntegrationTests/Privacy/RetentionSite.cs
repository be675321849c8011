using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Privacy;

/// <summary>
/// A host on the adjustable test clock with a purge every second, default retention (90 days of raw data, 20 years
/// of record) and a longer raw retention for <see cref="LongRawOrganisation"/>. Tests move the clock by months and
/// years, so this host is theirs alone.
/// </summary>
public sealed class RetentionSite : IAsyncLifetime
{
    public const string DefaultOrganisation = "Zorggroep Kort";
    public const string LongRawOrganisation = "Zorggroep Lang";

    private HostProcess? _host;

    public HostProcess Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public MosquittoClients Mosquitto => new(Host.MqttPort);

    public async Task InitializeAsync() => _host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["Testing:AdjustableClock"] = "true",
        ["Privacy:PurgeInterval"] = "00:00:01",
        [$"Privacy:Retention:Organisations:{LongRawOrganisation}:RawMeasurementDays"] = "365",
    });

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A fresh admin client: tokens are checked on the test clock, so one issued before a jump of months has expired.</summary>
    public Task<HttpClient> AdminAsync() => Host.LoginAsync();

    /// <summary>Moves the host's clock forward by whole days (in steps of the 30 days the endpoint allows); returns the new time.</summary>
    public async Task<DateTimeOffset> AdvanceAsync(double days)
    {
        var now = DateTimeOffset.MinValue;
        for (var left = days; left > 0 || now == DateTimeOffset.MinValue; left -= 30)
        {
            // Each step outlives the token of the step before.
            using var admin = await AdminAsync();
            using var response = await admin.PostAsJsonAsync("/api/testing/clock", new { advanceMinutes = Math.Min(left, 30) * 24 * 60 });
            now = (await PrivacyViews.ReadAsync<ClockView>(response, HttpStatusCode.OK)).Now;
        }

        return now;
    }

    public Task<DateTimeOffset> NowAsync() => AdvanceAsync(0);

    /// <summary>A patient of a new clinician of the organisation, enrolled with consent, with an oximeter bound.</summary>
    public async Task<(string PatientId, BoundDevice Device, HttpClient Clinician)> AdmitAsync(string organisation)
    {
        using var admin = await AdminAsync();
        var username = Ward.Unique("clinician");
        await RegionSetup.OrganisationAsync(admin, organisation);
        using var hire = await admin.PostAsJsonAsync("/api/users", new { username, password = Ward.StaffPassword, role = "clinician", displayName = "Dokter " + username, organisation });
        await Ward.ExpectAsync(hire, HttpStatusCode.Created);
        using var enrolment = await admin.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });
        var patientId = (await PrivacyViews.ReadAsync<Created>(enrolment, HttpStatusCode.Created)).PatientId;
        using var binding = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = Ward.Unique("oximeter"), kind = "oximeter" });
        var device = await PrivacyViews.ReadAsync<BoundDevice>(binding, HttpStatusCode.Created);
        return (patientId, device, await Host.LoginAsync(username, Ward.StaffPassword));
    }

    /// <summary>The raw SpO2 values of the patient in [from, to] (a range under 24 h answers raw values).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> Spo2ValuesAsync(string patientId, DateTimeOffset from, DateTimeOffset to)
    {
        using var admin = await AdminAsync();
        var trend = await admin.GetFromJsonAsync<TrendView>(
            $"/api/patients/{patientId}/vitals?sign=spo2&from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}");
        trend!.Resolution.Should().Be("raw");
        return trend.Values.Select(v => v.At).ToList();
    }

    private sealed record Created(string PatientId);

    private sealed record ClockView(DateTimeOffset Now);

    private sealed record TrendView(string Resolution, IReadOnlyList<ValueView> Values);

    private sealed record ValueView(DateTimeOffset At, double Value);
}
