using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ServiceExcellence.Web.Infrastructure;

/// <summary>
/// The readiness answer as JSON: overall status and, per check, its status, description and figures (the
/// database, the email and webhook dispatchers' backlogs). Unhealthy answers 503, so a load balancer takes the instance out;
/// Degraded still answers 200 and tells the operator why.
/// </summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = (long)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
