using System.Text.Json;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Handovers;

namespace ThuisMonitoring.Web.Api;

/// <summary>Body of <c>POST /api/patients/{id}/handover</c>: the receiving clinician's username and a note for them.</summary>
public sealed record CareHandoverRequest(string? To, string? Note);

/// <summary>Body of <c>.../handover/{handoverId}/accept</c> and <c>/decline</c>.</summary>
public sealed record CareHandoverDecisionRequest(string? Note);

/// <summary>A handover of responsibility with the summary the receiver reads (CONTRACT section 7).</summary>
public sealed record CareHandoverDto(
    string HandoverId,
    string PatientId,
    string? PatientName,
    string From,
    string? FromName,
    string To,
    string? ToName,
    string? Note,
    string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    JsonElement Summary)
{
    public static CareHandoverDto Of(CareHandoverRecord record, string? patientName, string? fromName, string? toName)
    {
        var h = record.Handover;
        using var summary = JsonDocument.Parse(record.SummaryJson);
        return new CareHandoverDto(h.HandoverId, record.PatientId, patientName, h.From, fromName, h.To, toName, h.Note, h.Status.ToCode(),
            h.RequestedAt, h.DecidedAt, h.DecisionNote, summary.RootElement.Clone());
    }
}
