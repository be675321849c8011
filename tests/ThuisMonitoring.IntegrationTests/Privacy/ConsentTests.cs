using Xunit.Abstractions;
using System.Net;
using System.Net.Http.Json;
using MQTTnet;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Privacy;

/// <summary>Consent to telemonitoring: required at enrolment, readable, and withdrawable — which ends monitoring.</summary>
[Collection(PrivacySiteCollection.Name)]
public sealed class ConsentTests(PrivacySite site, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(site.Host, output);

    [Fact]
    public async Task Enrolment_without_consent_is_refused_with_400_problem_details()
    {
        var clinician = await site.Ward.HireAsync("clinician");

        using var response = await site.Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician.Username,
            oxygenFlow = 2.0,
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadFromJsonAsync<ProblemView>())!.Detail.Should().Contain("consent");
    }

    [Fact]
    public async Task Enrolment_records_the_consent_with_the_caller_as_recorder_and_the_read_is_audited()
    {
        var clinician = await site.Ward.HireAsync("clinician");
        var (nurse, nurseClient) = await site.HireAsync("nurse");
        var givenAt = DateTimeOffset.UtcNow.AddHours(-2);
        using var enrolment = await nurseClient.PostAsJsonAsync("/api/patients", new
        {
            name = Ward.Unique("Patient"),
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician.Username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring", givenAt = givenAt.ToString("O"), recordedBy = "someone-else" },
        });
        var patientId = (await PrivacyViews.ReadAsync<Created>(enrolment, HttpStatusCode.Created)).PatientId;

        var consent = await nurseClient.GetFromJsonAsync<ConsentView>($"/api/patients/{patientId}/consent");

        consent!.Status.Should().Be("given");
        consent.Scope.Should().Be("telemonitoring");
        consent.RecordedBy.Should().Be(nurse.Username, "who recorded the consent is the caller, never the body");
        consent.GivenAt.Should().BeCloseTo(givenAt, TimeSpan.FromMilliseconds(1));
        consent.WithdrawnAt.Should().BeNull();
        var audit = await PrivacySite.AuditOfAsync(site.Ward.Admin, patientId);
        audit.Should().ContainSingle(r => r.Resource == "consent" && r.Action == "read" && r.Actor == nurse.Username);
    }

    [Fact]
    public async Task Withdrawal_ends_the_episode_is_in_the_timeline_and_the_audit_and_the_device_is_refused()
    {
        var patient = await site.Ward.AdmitAsync();
        var (nurse, nurseClient) = await site.HireAsync("nurse");
        await using var connected = MqttDevice.OverTcp(patient.Device, site.Host.MqttPort);
        (await connected.ConnectAsync()).Should().Be(MqttClientConnectResultCode.Success);
        (await connected.PublishMeasurementAsync(System.Text.Encoding.UTF8.GetBytes(Measurement.Green(Measurement.NewMessageId()))))
            .Should().Be(MqttClientPublishReasonCode.Success);

        using var withdraw = await nurseClient.PostAsJsonAsync($"/api/patients/{patient.PatientId}/consent/withdraw", new { reason = "Wil niet meer gemeten worden" });
        var withdrawn = await PrivacyViews.ReadAsync<ConsentView>(withdraw, HttpStatusCode.OK);

        withdrawn.Status.Should().Be("withdrawn");
        withdrawn.WithdrawnBy.Should().Be(nurse.Username);
        withdrawn.WithdrawalReason.Should().Be("Wil niet meer gemeten worden");
        (await site.Ward.PatientAsync(patient.PatientId)).State.Should().Be("ended");
        var timeline = await nurseClient.GetFromJsonAsync<List<TimelineEntryView>>($"/api/patients/{patient.PatientId}/timeline");
        timeline.Should().Contain(e => e.Kind == "consent-withdrawn" && e.By == nurse.Username && e.Text == "Wil niet meer gemeten worden");
        timeline.Should().Contain(e => e.Kind == "episode-state" && e.By == nurse.Username);
        var audit = await PrivacySite.AuditOfAsync(site.Ward.Admin, patient.PatientId);
        audit.Should().ContainSingle(r => r.Resource == "consent" && r.Action == "update" && r.Actor == nurse.Username);

        // The session that was open is closed at once, and a device that connects again is refused.
        await Eventually.GetAsync(() => Task.FromResult(connected.IsConnected), c => !c, null, "the open session to be closed");
        var reconnect = await site.Mosquitto.PublishAsync(MosquittoClients.V311, patient.Device.DeviceId, patient.Device.Secret,
            patient.Device.MeasurementsTopic, Measurement.Green(Measurement.NewMessageId()));
        reconnect.ConnAckCode.Should().NotBe(0, reconnect.ToString());
        reconnect.ExitCode.Should().NotBe(0);
        (await connected.ReconnectAsync()).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);

        using var again = await nurseClient.PostAsJsonAsync($"/api/patients/{patient.PatientId}/consent/withdraw", new { });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_clinician_who_is_not_responsible_cannot_read_or_withdraw_the_consent()
    {
        var patient = await site.Ward.AdmitAsync();
        var (_, other) = await site.HireAsync("clinician");

        using var read = await other.GetAsync($"/api/patients/{patient.PatientId}/consent");
        using var withdraw = await other.PostAsJsonAsync($"/api/patients/{patient.PatientId}/consent/withdraw", new { });

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        withdraw.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await site.Ward.PatientAsync(patient.PatientId)).State.Should().Be("monitoring");
    }

    public void Dispose() => _log.Dispose();

    private sealed record Created(string PatientId);
}
