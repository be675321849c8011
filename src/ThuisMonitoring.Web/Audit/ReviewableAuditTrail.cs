using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Visibility;
using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Web.Audit;

/// <summary>
/// The audit trail as one reader may review it (<see cref="VisibilityRule.MayReviewAuditRecord"/>): an admin reads every
/// record; a privacy officer only those about their organisation's patients or by its users, paged over what they may
/// review (the trail is read newest first in large pages and filtered, so a page is never short because of another
/// organisation's records).
/// </summary>
public sealed class ReviewableAuditTrail(IAuditLog log, IPatientDirectory patients)
{
    public async Task<AuditPage> QueryAsync(AuditQuery query, AccessScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Viewer.Role == RoleCodes.Admin)
        {
            return await log.QueryAsync(query, cancellationToken);
        }

        var directory = (await patients.ListAsync(cancellationToken)).ToDictionary(p => p.PatientId, StringComparer.Ordinal);
        var skip = (long)(query.Page - 1) * query.PageSize;
        var found = new List<AuditRecord>(query.PageSize + 1);
        for (var page = 1; ; page++)
        {
            var read = await log.QueryAsync(query with { Page = page, PageSize = AuditQuery.MaxPageSize }, cancellationToken);
            foreach (var record in read.Records)
            {
                var patient = record.Event.PatientId is { } id && directory.TryGetValue(id, out var known) ? known : null;
                if (!scope.MayReviewAuditRecord(record.Event.Organisation, patient))
                {
                    continue;
                }

                if (skip > 0)
                {
                    skip--;
                    continue;
                }

                found.Add(record);
                if (found.Count > query.PageSize)
                {
                    return new AuditPage(found.Take(query.PageSize).ToList(), query.Page, query.PageSize, HasMore: true);
                }
            }

            if (!read.HasMore)
            {
                return new AuditPage(found, query.Page, query.PageSize, HasMore: false);
            }
        }
    }
}
