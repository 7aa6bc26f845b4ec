using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Web.Benchmarking;

/// <summary>
/// The yardstick of <c>bench/rating-post.sh</c>: a bare POST that inserts one row into the app's own
/// SQLite database, through the same host and middleware as the rating page but without a page, a
/// mediator or a form. Mapped only when <c>Benchmark:Enabled</c> is true, never in a normal run.
/// </summary>
public static class BaselineEndpoint
{
    public const string Path = "/bench/baseline";

    private const string CreateTable = "CREATE TABLE IF NOT EXISTS BenchmarkRows(Id INTEGER PRIMARY KEY, At INTEGER, Payload TEXT)";
    private const string InsertRow = "INSERT INTO BenchmarkRows(At, Payload) VALUES ({0}, {1})";

    // CREATE TABLE IF NOT EXISTS is idempotent, so two first requests racing to run it is harmless.
    private static volatile bool _tableCreated;

    public static IEndpointConventionBuilder MapBenchmarkBaseline(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!_tableCreated)
                {
                    await db.Database.ExecuteSqlRawAsync(CreateTable, cancellationToken);
                    _tableCreated = true;
                }

                await db.Database.ExecuteSqlRawAsync(InsertRow, [clock.GetUtcNow().ToUnixTimeMilliseconds(), "baseline"], cancellationToken);
                return Results.NoContent();
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
}
