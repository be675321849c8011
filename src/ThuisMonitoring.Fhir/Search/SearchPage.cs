using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace ThuisMonitoring.Fhir.Search;

/// <summary>
/// A searchset Bundle of one page of matches: <c>total</c>, and self/first/previous/next/last links that repeat the
/// query with <c>_offset</c> (paging past the end answers an empty page with the same total).
/// </summary>
public static class SearchPage
{
    public const int DefaultCount = 50;
    public const int MaxCount = 1000;

    public static Bundle Of(IReadOnlyList<Resource> matches, HttpRequest request, int count, int offset)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = matches.Count, Id = Guid.NewGuid().ToString("N") };
        var baseUrl = $"{request.Scheme}://{request.Host}/fhir/";
        foreach (var resource in matches.Skip(offset).Take(count))
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        bundle.Link.Add(Link("self", request, count, offset));
        bundle.Link.Add(Link("first", request, count, 0));
        if (count > 0)
        {
            var last = matches.Count == 0 ? 0 : (matches.Count - 1) / count * count;
            if (offset > 0)
            {
                bundle.Link.Add(Link("previous", request, count, Math.Max(0, Math.Min(offset, matches.Count) - count)));
            }

            if (offset + count < matches.Count)
            {
                bundle.Link.Add(Link("next", request, count, offset + count));
            }

            bundle.Link.Add(Link("last", request, count, last));
        }

        return bundle;
    }

    private static Bundle.LinkComponent Link(string relation, HttpRequest request, int count, int offset)
    {
        var query = new QueryBuilder();
        foreach (var (key, values) in request.Query)
        {
            if (key is "_count" or "_offset")
            {
                continue;
            }

            foreach (var value in values)
            {
                query.Add(key, value ?? string.Empty);
            }
        }

        query.Add("_count", count.ToString(CultureInfo.InvariantCulture));
        query.Add("_offset", offset.ToString(CultureInfo.InvariantCulture));
        return new Bundle.LinkComponent { Relation = relation, Url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{query.ToQueryString()}" };
    }
}
