using ThuisMonitoring.Domain.Timeline;

namespace ThuisMonitoring.Storage.Timeline;

/// <summary>A page from a query that read one entry more than the page holds: that one tells whether a next page exists.</summary>
internal static class TimelinePages
{
    public static TimelinePage Of(List<TimelineEntry> read, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (read.Count <= pageSize)
        {
            return new TimelinePage(read, null);
        }

        read.RemoveRange(pageSize, read.Count - pageSize);
        return new TimelinePage(read, read[^1].EntryId);
    }
}
