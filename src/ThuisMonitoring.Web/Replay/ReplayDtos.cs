using System.Text.Json;
using ThuisMonitoring.Domain.Replay;

namespace ThuisMonitoring.Web.Replay;

/// <summary>
/// <c>POST /api/replay</c>: which protocols (the current one, plus up to two draft layers side by side) over which
/// data: library traces by name (all when none is named), one trace file, or the recorded measurements of a patient
/// or an organisation (admins) between <c>from</c> and <c>to</c>.
/// </summary>
public sealed record ReplayRequest(
    IReadOnlyList<JsonElement>? Layers,
    IReadOnlyList<string>? Traces,
    JsonElement? Trace,
    string? Patient,
    string? Organisation,
    string? From,
    string? To);

/// <summary>The reports, the current protocol first, and which patients' data was replayed (audited).</summary>
public sealed record ReplayResultDto(IReadOnlyList<ReplayReport> Reports, IReadOnlyList<string> Patients);
