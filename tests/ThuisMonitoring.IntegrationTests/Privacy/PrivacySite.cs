using System.Net;
using System.Net.Http.Json;
using ThuisMonitoring.IntegrationTests.Audit;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Privacy;

/// <summary>A real host for the AVG tests: staff, privacy officers, patients admitted with consent, the audit read back.</summary>
public sealed class PrivacySite : HostFixture
{
    public static Task<IReadOnlyList<AuditRecordView>> AuditOfAsync(HttpClient admin, string patientId) => PrivacyViews.AuditOfAsync(admin, patientId);

    /// <summary>A new user of the role, signed in.</summary>
    public async Task<(StaffMember Member, HttpClient Client)> HireAsync(string role)
    {
        var member = await Ward.HireAsync(role);
        return (member, await Ward.SignInAsync(member));
    }
}

/// <summary>The parts of the privacy answers the tests read.</summary>
public sealed record ConsentView(
    string PatientId, string Scope, DateTimeOffset GivenAt, string RecordedBy, string Status,
    DateTimeOffset? WithdrawnAt, string? WithdrawnBy, string? WithdrawalReason);

public sealed record ErasureView(
    string ErasureId, string PatientId, string Status, string Reason, string RequestedBy, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, DateTimeOffset? CarriedOutAt, IReadOnlyDictionary<string, long>? Removed);

public sealed record TimelineEntryView(string Kind, string? By, string? Text, DateTimeOffset At);

public static class PrivacyViews
{
    /// <summary>Every audit record about the patient, newest first (read as the admin).</summary>
    public static async Task<IReadOnlyList<AuditRecordView>> AuditOfAsync(HttpClient admin, string patientId)
    {
        var page = await admin.GetFromJsonAsync<AuditPageView>($"/api/audit?patient={patientId}&pageSize=500");
        return page!.Records;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode status)
    {
        await Ward.ExpectAsync(response, status);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}

[CollectionDefinition(Name)]
public sealed class PrivacySiteCollection : ICollectionFixture<PrivacySite>
{
    public const string Name = "privacy site";
}
