using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Patients;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Each patient's overview row (<see cref="PatientRows"/>) as the UTF-8 JSON <c>GET /api/patients</c> writes, kept
/// between lists: at 10,000 patients building and serialising every row again was most of a list's time, while
/// between two lists almost no row changes.
/// </summary>
/// <remarks>
/// A row holds only for the exact directory record and summary it was made from (the stores' in-memory copies hand
/// out the same instances until a write or an erasure replaces them; a store that reads anew each time just misses),
/// the clinician's display name as looked up for this list and the next measurement due at the time of the list.
/// Anything else and the row is serialised again, so a cached row is byte for byte the row a fresh serialisation
/// writes. A row carries nothing of the caller: who may see which patient is decided per request, before the cache
/// is asked. An erased patient's row is dropped (<see cref="Forget"/>), as is the row of a patient no longer in the
/// directory (<see cref="KeepOnly"/>).
/// </remarks>
public sealed class PatientRowCache(IOptions<JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;
    private readonly ConcurrentDictionary<string, Row> _rows = new(StringComparer.Ordinal);

    /// <summary>How many rows are kept (for tests and diagnostics).</summary>
    public int Count => _rows.Count;

    /// <summary>The row of <paramref name="record"/> with <paramref name="summary"/> at <paramref name="now"/>, serialised.</summary>
    public byte[] RowOf(PatientRecord record, PatientSummary summary, string? clinicianName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(summary);
        var nextDue = summary.NextMeasurementDue(now);
        if (_rows.TryGetValue(record.PatientId, out var row) && row.Holds(record, summary, clinicianName, nextDue))
        {
            return row.Json;
        }

        var dto = PatientRows.Of(record, summary, clinicianName, now);
        var made = new Row(record, summary, clinicianName, nextDue, JsonSerializer.SerializeToUtf8Bytes(dto, _options));
        _rows[record.PatientId] = made;
        return made.Json;
    }

    /// <summary>A row serialised as the list writes it, without keeping it (a patient answered from its grain).</summary>
    public byte[] Serialise(PatientDto dto) => JsonSerializer.SerializeToUtf8Bytes(dto, _options);

    /// <summary>The patient was erased: its row goes at once.</summary>
    public void Forget(string patientId) => _rows.TryRemove(patientId, out _);

    /// <summary>Drops the rows of patients no longer in <paramref name="directory"/> (the whole directory, as listed).</summary>
    public void KeepOnly(IReadOnlyList<PatientRecord> directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (_rows.Count <= directory.Count)
        {
            return;
        }

        var listed = new HashSet<string>(directory.Count, StringComparer.Ordinal);
        foreach (var record in directory)
        {
            listed.Add(record.PatientId);
        }

        foreach (var patientId in _rows.Keys)
        {
            if (!listed.Contains(patientId))
            {
                _rows.TryRemove(patientId, out _);
            }
        }
    }

    private sealed record Row(PatientRecord Record, PatientSummary Summary, string? ClinicianName, DateTimeOffset? NextDue, byte[] Json)
    {
        public bool Holds(PatientRecord record, PatientSummary summary, string? clinicianName, DateTimeOffset? nextDue) =>
            ReferenceEquals(Record, record) && ReferenceEquals(Summary, summary)
            && string.Equals(ClinicianName, clinicianName, StringComparison.Ordinal)
            && (NextDue is { } due ? nextDue is { } other && due.EqualsExact(other) : nextDue is null);
    }
}
