using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Tests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Fhir.Tests.Subscriptions;

/// <summary>
/// Who a subscription may tell is decided when each push is queued and again when it is delivered, from its owner as
/// they are then, never as they were at registration: the hospital specialist who handed the patient over to a GP of
/// another organisation, and an owner whose account was disabled, get no more Flags of the patient, not even the ones
/// queued while they could still see them. The GP who took over does get them.
/// </summary>
public sealed class SubscriptionVisibilityTests
{
    [Fact]
    public async Task An_owner_who_lost_sight_of_the_patient_gets_no_more_flags_even_ones_queued_before()
    {
        using var hospital = new PushReceiver(FreePort.Next());
        using var practice = new PushReceiver(FreePort.Next());
        await using var host = await HostProcess.StartAsync(settings: SubscriptionSteps.QuickRetries);
        using var admin = await host.LoginAsync();
        var specialist = await SubscriptionSteps.HireAsync(admin, "clinician", FhirHost.Unique("ziekenhuis"));
        var gp = await SubscriptionSteps.HireAsync(admin, "clinician", FhirHost.Unique("huisartsen"));
        var integration = await SubscriptionSteps.HireAsync(admin, "admin");
        var enrolled = await FhirHost.PostAsync(admin, "/fhir", EnrolmentBundles.Enrolment(specialist, null, DateTimeOffset.UtcNow.AddHours(-1)));
        enrolled.Status.Should().Be(HttpStatusCode.Created, enrolled.Body);
        var patientId = enrolled.Location!["Patient/".Length..];
        var (deviceId, deviceSecret) = await SubscriptionSteps.BindAsync(admin, patientId);

        // The hospital's two subscriptions (the specialist's, and its integration account's), while its endpoint is down.
        using var specialistClient = await host.LoginAsync(specialist, FhirHost.StaffPassword);
        using var integrationClient = await host.LoginAsync(integration, FhirHost.StaffPassword);
        var bySpecialist = await SubscriptionSteps.SubscribeAsync(specialistClient, patientId, hospital.Url);
        var byIntegration = await SubscriptionSteps.SubscribeAsync(integrationClient, patientId, hospital.Url);

        // An alert: queued for both, not delivered (the endpoint is down).
        await using var oximeter = await Oximeter.ConnectAsync(host.MqttPort, deviceId, deviceSecret);
        await oximeter.PublishAsync(SubscriptionSteps.Low(DateTimeOffset.UtcNow.AddMinutes(-2), 87));
        var queued = await Eventually.GetAsync(() => Task.FromResult(SubscriptionSteps.QueuedIds(host.Output)),
            ids => ids.Any(i => i.StartsWith(bySpecialist, StringComparison.Ordinal)) && ids.Any(i => i.StartsWith(byIntegration, StringComparison.Ordinal)),
            "the alert queued for both hospital subscriptions", TimeSpan.FromSeconds(60));
        await Eventually.GetAsync(() => Task.FromResult(host.Output), o => o.Contains("not delivered (failure", StringComparison.Ordinal), "a failed delivery", TimeSpan.FromSeconds(60));

        // The specialist hands the patient over to the GP, who accepts; the integration account is disabled.
        using var handover = await specialistClient.PostAsJsonAsync($"/api/patients/{patientId}/handover", new { to = gp, note = "Graag overnemen" });
        await FhirHost.ExpectAsync(handover, HttpStatusCode.Accepted);
        var handoverId = (await handover.Content.ReadFromJsonAsync<Handover>())!.HandoverId;
        using var gpClient = await host.LoginAsync(gp, FhirHost.StaffPassword);
        using (var accepted = await gpClient.PostAsJsonAsync($"/api/patients/{patientId}/handover/{handoverId}/accept", new { note = "Akkoord" }))
        {
            await FhirHost.ExpectAsync(accepted, HttpStatusCode.OK);
        }

        using (var disabled = await admin.PostAsync($"/api/users/{integration}/disable", null))
        {
            await FhirHost.ExpectAsync(disabled, HttpStatusCode.OK);
        }

        (await FhirHost.GetAsync(specialistClient, $"/fhir/Patient/{patientId}")).Status.Should().Be(HttpStatusCode.NotFound, "the specialist handed the patient over");
        var byGp = await SubscriptionSteps.SubscribeAsync(gpClient, patientId, practice.Url);

        // The endpoint comes back: what was queued for the hospital is withheld at delivery.
        hospital.Start();
        practice.Start();
        await Eventually.GetAsync(() => Task.FromResult(host.Output),
            o => queued.Where(i => i.StartsWith(bySpecialist, StringComparison.Ordinal) || i.StartsWith(byIntegration, StringComparison.Ordinal))
                .All(i => o.Contains($"FHIR push {i} withheld", StringComparison.Ordinal)),
            "the hospital's queued pushes withheld", TimeSpan.FromSeconds(60));

        // The alert is resolved: the GP's subscription (registered after the hospital's) is told, the hospital's are not.
        var alertId = (await FhirHost.GetAsync(admin, $"/fhir/Flag?patient={patientId}")).As<Bundle>().Entry.Single().Resource.Id;
        using (var resolved = await admin.PostAsJsonAsync($"/api/alerts/{alertId}/resolve", new { outcome = "resolved-at-home", note = "Beter na rust" }))
        {
            await FhirHost.ExpectAsync(resolved, HttpStatusCode.OK);
        }

        var told = await Eventually.GetAsync(() => Task.FromResult(practice.Received.ToList()),
            r => r.Any(p => ((Flag)FhirJson.Parse(p.Body, out _)!).Status == Flag.FlagStatus.Inactive), "the resolved Flag at the GP's endpoint", TimeSpan.FromSeconds(60));
        told.Should().OnlyContain(p => p.NotificationId.StartsWith(byGp, StringComparison.Ordinal));
        hospital.Received.Should().BeEmpty("neither hospital subscription may see the patient any more");
        SubscriptionSteps.QueuedIds(host.Output).Should().NotContain(i => !queued.Contains(i) && (i.StartsWith(bySpecialist, StringComparison.Ordinal) || i.StartsWith(byIntegration, StringComparison.Ordinal)),
            "the resolution is not even queued for them");
    }

    private sealed record Handover(string HandoverId);
}
