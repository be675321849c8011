using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace ThuisMonitoring.Fhir.Tests.Support;

/// <summary>What the subscription tests do alike: quick retries, register a rest-hook, send low readings, read the host's queue log.</summary>
public static partial class SubscriptionSteps
{
    public static readonly IReadOnlyDictionary<string, string> QuickRetries = new Dictionary<string, string>
    {
        ["Fhir:Subscriptions:RetryBaseSeconds"] = "0.5",
        ["Fhir:Subscriptions:RetryMaxSeconds"] = "1",
        ["Fhir:Subscriptions:AttemptTimeoutSeconds"] = "2",
    };

    /// <summary>A requested rest-hook Subscription on the patient's Flags.</summary>
    public static Subscription Request(string patientId, string endpoint, params string[] headers) => new()
    {
        Status = Subscription.SubscriptionStatus.Requested,
        Reason = "Alerts of our patient",
        Criteria = $"Flag?patient={patientId}",
        Channel = new Subscription.ChannelComponent
        {
            Type = Subscription.SubscriptionChannelType.RestHook,
            Endpoint = endpoint,
            Payload = "application/fhir+json",
            Header = headers,
        },
    };

    /// <summary>Registers <see cref="Request"/> as <paramref name="client"/>; returns the created Subscription's id.</summary>
    public static async Task<string> SubscribeAsync(HttpClient client, string patientId, string endpoint)
    {
        var created = await FhirHost.PostAsync(client, "/fhir/Subscription", Request(patientId, endpoint));
        created.Status.Should().Be(HttpStatusCode.Created, created.Body);
        return created.As<Subscription>().Id!;
    }

    /// <summary>A measurement with a low SpO2 (an alert, or a repeat of it).</summary>
    public static string Low(DateTimeOffset at, int spo2) =>
        $$"""{"measuredAt":"{{at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture)}}","messageId":"{{Guid.NewGuid():N}}","spo2":{{spo2}},"heartRate":90,"respiratoryRate":18}""";

    /// <summary>The notification ids the host logged as queued.</summary>
    public static HashSet<string> QueuedIds(string output) =>
        QueuedLine().Matches(output).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>A new user of the role (in the organisation, created when missing); returns the username.</summary>
    public static async Task<string> HireAsync(HttpClient admin, string role = "clinician", string? organisation = null)
    {
        if (organisation is not null)
        {
            await ThuisMonitoring.Testing.RegionSetup.OrganisationAsync(admin, organisation);
        }

        var username = FhirHost.Unique(role);
        using var response = await admin.PostAsJsonAsync("/api/users", new { username, password = FhirHost.StaffPassword, role, displayName = $"Dr. {username}", organisation });
        await FhirHost.ExpectAsync(response, HttpStatusCode.Created);
        return username;
    }

    public static async Task<(string DeviceId, string Secret)> BindAsync(HttpClient admin, string patientId)
    {
        using var response = await admin.PostAsJsonAsync($"/api/patients/{patientId}/devices", new { deviceId = FhirHost.Unique("oximeter"), kind = "oximeter" });
        await FhirHost.ExpectAsync(response, HttpStatusCode.Created);
        var bound = (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>())!;
        return (bound["deviceId"], bound["secret"]);
    }

    [GeneratedRegex(@"FHIR push (\S+) \(Flag/\S+, patient \S+\) queued")]
    private static partial Regex QueuedLine();
}
