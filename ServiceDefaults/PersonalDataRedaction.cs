using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Takes subject ids out of the URLs that spans record before any exporter sees them. A customer id
/// travels in paths (<c>/customers/{id}/erasure</c>, <c>/customers/{id}/personal-data</c>,
/// <c>/subjects/{type}/{id}/legal-hold</c>) and in queries (<c>?customerId=</c>, <c>?subjectId=</c>);
/// without this, the traces of an erasure would keep the very id it erased, in the dashboard or any
/// OTLP backend. Route templates (a server span's name) hold no values and are left as they are.
/// </summary>
public sealed partial class PersonalDataRedaction : BaseProcessor<Activity>
{
    public const string Redacted = "Redacted";

    // Old and current semantic-convention names for a request's URL or parts of it.
    private static readonly string[] UrlTags = ["url.full", "url.path", "url.query", "http.url", "http.target"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url && Redact(url) is var redacted && !ReferenceEquals(redacted, url))
            {
                data.SetTag(tag, redacted);
            }
        }
    }

    /// <summary>The URL, or its path or query, with every subject id replaced; the same instance when it holds none.</summary>
    public static string Redact(string url)
    {
        if (url.Contains("/customers/", StringComparison.OrdinalIgnoreCase) || url.Contains("/subjects/", StringComparison.OrdinalIgnoreCase))
        {
            url = SubjectInPath().Replace(url, "$1" + Redacted);
        }

        if (url.Contains("customerId=", StringComparison.OrdinalIgnoreCase) || url.Contains("subjectId=", StringComparison.OrdinalIgnoreCase))
        {
            url = SubjectInQuery().Replace(url, "$1" + Redacted);
        }

        return url;
    }

    [GeneratedRegex(@"(/customers/|/subjects/[^/?#]+/)[^/?#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectInPath();

    [GeneratedRegex(@"((?:^|[?&])(?:customerId|subjectId)=)[^&#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectInQuery();
}
