using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Calls;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Audit;

/// <summary>An escalation sent through the notification hook carries patient data out: recorded as an export to its recipient.</summary>
[Collection(CallCentreCollection.Name)]
public sealed class NotificationAuditTests(CallCentre centre)
{
    [Fact]
    public async Task An_escalation_delivered_through_the_hook_is_recorded_as_an_export_to_the_clinician()
    {
        var (patient, alertId) = await centre.UrgentAlertAsync();
        using var call = await centre.Ward.Admin.PostAsJsonAsync($"/api/alerts/{alertId}/calls", new { outcome = "escalated" });
        await Ward.ExpectAsync(call, HttpStatusCode.OK);
        await centre.DeliveredAsync(n => n.AlertId == alertId, "the escalation delivered through the hook");

        var page = await centre.Ward.Admin.GetFromJsonAsync<AuditPageView>(
            $"/api/audit?patient={patient.PatientId}&user={patient.Clinician.Username}&pageSize=500");

        page!.Records.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Actor = patient.Clinician.Username, Role = "clinician", patient.PatientId,
            Resource = "notification", Action = "read", Channel = "export", Purpose = "care",
        });
    }
}
