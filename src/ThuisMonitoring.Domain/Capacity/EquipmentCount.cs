namespace ThuisMonitoring.Domain.Capacity;

/// <summary>One kind of equipment (concentrators, meters): how many are on the shelf and how many are with patients.</summary>
public sealed record EquipmentCount(int InStock, int HandedOut)
{
    /// <summary>
    /// The count now. An admin counted <paramref name="countedInStock"/> on the shelf while
    /// <paramref name="handedOutAtCount"/> were with patients; every enrolment since that records a serial took one
    /// off the shelf, every end of such an episode put one back: the total stays what it was at the count.
    /// Without a count the stock is unknown and counts as 0.
    /// </summary>
    public static EquipmentCount Now(int? countedInStock, int handedOutAtCount, int handedOutNow)
    {
        var total = (countedInStock ?? 0) + (countedInStock is null ? handedOutNow : handedOutAtCount);
        return new EquipmentCount(Math.Max(0, total - handedOutNow), handedOutNow);
    }
}
