using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Insight;

/// <summary>The ratings submitted in a scope and range as CSV, oldest first, streamed from the database.</summary>
public static class ExportRatings
{
    public sealed record Query(ScopeKind Scope, Guid? Id = null, DateOnly? From = null, DateOnly? To = null) : IQuery<Csv.Export>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => InsightRange.Validate(this, q => q.From, q => q.To, clock);
    }

    public sealed class Handler(IAppDbContext db, InsightAccess access, TimeProvider clock) : IQueryHandler<Query, Csv.Export>
    {
        public async ValueTask<Csv.Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await access.ResolveAsync(query.Scope, query.Id, cancellationToken);
            var range = InsightRange.Of(query.From, query.To, clock);
            var rows = db.Ratings.AsNoTracking().InScope(scope)
                .Where(r => r.SubmittedAt >= range.Start && r.SubmittedAt < range.End)
                .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id)
                .Select(r => new
                {
                    r.SubmittedAt,
                    r.LastEditedAt,
                    Client = db.Clients.Where(c => c.Id == r.ClientId).Select(c => c.Name).FirstOrDefault(),
                    ServiceLine = db.ServiceLines.Where(s => s.Id == r.ServiceLineId).Select(s => s.Name).FirstOrDefault(),
                    Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
                    r.Overall,
                    r.Reliability,
                    r.Responsiveness,
                    r.FeelingValued,
                    r.Empathy,
                    r.Competency,
                    r.LikelihoodToRecommend,
                    Categories = db.RatingFailureCategories.Where(c => c.RatingId == r.Id)
                        .Join(db.FailureCategories, c => c.FailureCategoryId, f => f.Id, (c, f) => f.Name).ToList(),
                    r.Comment,
                    r.Language,
                })
                .AsAsyncEnumerable()
                .Select(r => new[]
                {
                    Csv.Instant(r.SubmittedAt), Csv.Text(r.Client), Csv.Text(r.ServiceLine), Csv.Text(r.Team),
                    Csv.Number(r.Overall), Csv.Number(r.Reliability), Csv.Number(r.Responsiveness), Csv.Number(r.FeelingValued),
                    Csv.Number(r.Empathy), Csv.Number(r.Competency), Csv.Number(r.LikelihoodToRecommend),
                    Csv.Text(string.Join("; ", r.Categories.Order(StringComparer.Ordinal))), Csv.Text(r.Comment), r.Language, Csv.Instant(r.LastEditedAt),
                });
            return new Csv.Export(range.CsvFileName("ratings", scope),
                ["Submitted (UTC)", "Client", "Service line", "Team", "Overall", "Reliability", "Responsiveness", "Feeling valued", "Empathy",
                    "Competency", "Likelihood to recommend", "What went wrong", "Comment", "Language", "Last edited (UTC)"],
                rows);
        }
    }
}
