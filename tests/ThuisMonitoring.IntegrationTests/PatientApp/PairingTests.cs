using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.PatientApp;

/// <summary>Pairing a patient app (CONTRACT section 6): a one-time code, valid 24 hours, exchanged once for the credentials.</summary>
[Collection(SharedHostCollection.Name)]
public sealed class PairingTests(SharedHost site)
{
    [Fact]
    public async Task Binding_a_patient_app_answers_a_short_code_and_the_app_url_with_it()
    {
        var (_, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);

        binding.PairingCode.Should().MatchRegex("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$");
        binding.PairingUrl.Should().Be($"{site.Host.BaseAddress.ToString().TrimEnd('/')}/app/#pair={binding.PairingCode}");
        binding.PairingExpiresAt.Should().NotBeNull();
    }

    [Fact]
    public async Task An_oximeter_binding_has_no_pairing_code()
    {
        var patient = await site.Ward.AdmitAsync();
        using var response = await site.Ward.Admin.PostAsJsonAsync($"/api/patients/{patient.PatientId}/devices", new { deviceId = Ward.Unique("oxi"), kind = "oximeter" });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        body.Should().NotContain("pairingCode");
    }

    [Fact]
    public async Task A_code_works_once_and_its_secret_signs_the_app_in_over_mqtt()
    {
        var (patientId, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);

        using var first = await AppPairingSteps.RedeemAsync(site.Host.BaseAddress, binding.PairingCode!.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var app = (await first.Content.ReadFromJsonAsync<PairedApp>())!;
        app.DeviceId.Should().Be(binding.DeviceId);
        app.Secret.Should().NotBe(binding.Secret, "pairing gives the app a secret nobody else has seen");
        app.MqttUrl.Should().Be($"ws://127.0.0.1:{site.Host.Ports.Http}/mqtt");

        using var second = await AppPairingSteps.RedeemAsync(site.Host.BaseAddress, binding.PairingCode);
        second.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await second.Content.ReadAsStringAsync()).Should().NotContain(binding.DeviceId);

        var messageId = Measurement.NewMessageId();
        await site.Mosquitto.PublishAsync(MosquittoClients.V5, app.DeviceId, app.Secret,
            $"thuismonitoring/v1/devices/{app.DeviceId}/measurements", Measurement.Json(messageId, spo2: 96, oxygenFlow: 2.0));
        await site.Ward.LastMeasurementIsAsync(patientId, messageId);
    }

    [Fact]
    public async Task The_patient_token_reads_my_episode_vitals_and_access_log_and_asks_for_a_call()
    {
        var (patientId, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);
        var (patient, _) = await AppPairingSteps.PairAndSignInAsync(site.Host.BaseAddress, binding);
        using (patient)
        {
            var me = await patient.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me");
            me.GetProperty("patientId").GetString().Should().Be(patientId);
            me.GetProperty("state").GetString().Should().Be("monitoring");
            me.GetProperty("nextMeasurementDue").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String);

            using var vitals = await patient.GetAsync("/api/me/vitals?sign=spo2");
            vitals.StatusCode.Should().Be(HttpStatusCode.OK);

            using var call = await patient.PostAsJsonAsync("/api/me/call-request", new { note = "Ik word benauwder" });
            call.StatusCode.Should().Be(HttpStatusCode.Accepted, await call.Content.ReadAsStringAsync());
            var alerts = await Eventually.GetAsync(() => site.Ward.AlertsOfAsync(patientId, "open"), a => a.Count > 0, null, "the call request's alert");
            alerts.Should().ContainSingle(a => a.Level == "warning" && a.Reasons.Contains("call-requested"));

            var log = await patient.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/me/access-log");
            log.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("resource").GetString())
                .Should().Contain(["patient", "vitals"], "the patient's own reads are in the log too");
        }
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_patient_token()
    {
        var (_, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);
        using var stranger = new HttpClient { BaseAddress = site.Host.BaseAddress };
        using var response = await stranger.PostAsJsonAsync("/api/auth/device-token", new { deviceId = binding.DeviceId, secret = "not-the-secret" });
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task After_the_monitoring_ended_the_apps_own_credentials_are_told_so_and_nobody_else_is()
    {
        var (patientId, binding) = await AppPairingSteps.EnrolWithAppAsync(site.Ward);
        var (patient, app) = await AppPairingSteps.PairAndSignInAsync(site.Host.BaseAddress, binding);
        patient.Dispose();

        using (var ended = await site.Ward.Admin.PostAsJsonAsync($"/api/patients/{patientId}/state", new { state = "ended", reason = "hersteld" }))
        {
            ended.StatusCode.Should().Be(HttpStatusCode.OK, await ended.Content.ReadAsStringAsync());
        }

        using var stranger = new HttpClient { BaseAddress = site.Host.BaseAddress };
        using (var own = await stranger.PostAsJsonAsync("/api/auth/device-token", new { deviceId = app.DeviceId, secret = app.Secret }))
        {
            own.StatusCode.Should().Be(HttpStatusCode.Gone, "the app itself learns that monitoring ended");
            (await own.Content.ReadAsStringAsync()).Should().Contain("urn:thuismonitoring:monitoring-ended");
        }

        using (var guess = await stranger.PostAsJsonAsync("/api/auth/device-token", new { deviceId = app.DeviceId, secret = "not-the-secret" }))
        {
            guess.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "without the secret it is an unknown device like any other");
        }

        var refused = await site.Mosquitto.PublishAsync(MosquittoClients.V5, app.DeviceId, app.Secret,
            $"thuismonitoring/v1/devices/{app.DeviceId}/measurements", Measurement.Json(Measurement.NewMessageId(), spo2: 96, oxygenFlow: 2.0));
        refused.ConnAckCode.Should().Be(0x86, "the retired credentials no longer connect");
    }
}
