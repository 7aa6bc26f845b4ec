using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.RoutingRules;

/// <summary>
/// Adds a routing rule, or changes one (<see cref="Command.Id"/> set). A rule sends the alerts it matches to a
/// team, in addition to the default client and operations teams or instead of them; the one fallback rule
/// catches the alerts nothing else routed.
/// </summary>
public static class SaveRoutingRule
{
    /// <summary>The form of an existing rule, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    /// <summary>What the value of each kind of match can be: the segments clients have, the service lines, the categories.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Choices : IQuery<ValueChoices>;

    public sealed record ValueChoices(IReadOnlyList<string> Segments, IReadOnlyList<Choice> ServiceLines, IReadOnlyList<string> Categories);

    public sealed record Choice(string Value, string Label);

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public RoutingMatch? Match { get; init; }

        /// <summary>The segment, service line code or category name; ignored for the fallback.</summary>
        public string? Value { get; init; }

        public Guid? TeamId { get; init; }
        public bool ReplacesDefaults { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Match)
                .Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose which alerts the rule matches.")
                .IsInEnum().WithMessage("Choose which alerts the rule matches.")
                .MustAsync((command, _, ct) => OnlyFallbackAsync(db, command.Id, ct))
                .WithMessage("There is already a fallback rule; edit it to send the unrouted alerts to another team.")
                .When(c => c.Match == RoutingMatch.Fallback, ApplyConditionTo.CurrentValidator);
            RuleFor(c => c.TeamId)
                .NotEmpty().WithMessage("Choose the team that receives the alerts.")
                .MustAsync((id, ct) => db.Teams.AnyAsync(t => t.Id == id, ct))
                .WithMessage("Choose one of the teams.")
                .When(c => c.TeamId is not null, ApplyConditionTo.CurrentValidator);

            When(c => c.Match == RoutingMatch.ClientSegment, () => RuleFor(c => c.Value)
                .NotEmpty().WithMessage("Enter the client segment, such as Enterprise.")
                .MaximumLength(Limits.Segment).WithMessage($"A segment is at most {Limits.Segment} characters."));
            When(c => c.Match == RoutingMatch.ServiceLine, () => RuleFor(c => c.Value)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the service line.")
                .MustAsync((code, ct) =>
                {
                    var normalised = code!.Trim().ToUpperInvariant();
                    return db.ServiceLines.AnyAsync(s => s.Code == normalised, ct);
                })
                .WithMessage(c => $"There is no service line with the code “{c.Value?.Trim()}”."));
            When(c => c.Match == RoutingMatch.FailureCategory, () => RuleFor(c => c.Value)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the failure category.")
                .MustAsync(async (name, ct) => await CategoryNamedAsync(db, name!, ct) is not null)
                .WithMessage(c => $"There is no failure category named “{c.Value?.Trim()}”."));

            RuleFor(c => c)
                .MustAsync((command, ct) => NotDuplicateAsync(db, command, ct))
                .OverridePropertyName(nameof(Command.TeamId))
                .WithMessage("Another rule already sends these alerts to this team.")
                .When(c => c.Match is { } m && m != RoutingMatch.Fallback && !string.IsNullOrWhiteSpace(c.Value) && c.TeamId is not null);
        }

        private static async Task<bool> OnlyFallbackAsync(IAppDbContext db, Guid? id, CancellationToken cancellationToken) =>
            !await db.RoutingRules.AnyAsync(r => r.Match == RoutingMatch.Fallback && r.Id != id, cancellationToken);

        // Compared in memory: the router matches values case-insensitively, and SQLite's own comparison is case-sensitive.
        private static async Task<bool> NotDuplicateAsync(IAppDbContext db, Command command, CancellationToken cancellationToken)
        {
            var values = await db.RoutingRules.AsNoTracking()
                .Where(r => r.Match == command.Match && r.TeamId == command.TeamId && r.Id != command.Id)
                .Select(r => r.Value)
                .ToListAsync(cancellationToken);
            return !values.Contains(command.Value!.Trim(), StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>The category's name as stored, matched case-insensitively as the router matches it.</summary>
    internal static async Task<string?> CategoryNamedAsync(IAppDbContext db, string name, CancellationToken cancellationToken)
    {
        var names = await db.FailureCategories.AsNoTracking().Select(c => c.Name).ToListAsync(cancellationToken);
        return names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>, IQueryHandler<Choices, ValueChoices>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.RoutingRules.AsNoTracking()
                .Where(r => r.Id == query.Id)
                .Select(r => new Command
                {
                    Id = r.Id,
                    Version = r.Version,
                    Match = r.Match,
                    Value = r.Value,
                    TeamId = r.TeamId,
                    ReplacesDefaults = r.ReplacesDefaults,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The routing rule");

        public async ValueTask<ValueChoices> Handle(Choices query, CancellationToken cancellationToken)
        {
            var segments = await db.Clients.AsNoTracking()
                .Where(c => c.Segment != null)
                .Select(c => c.Segment!)
                .Distinct()
                .OrderBy(s => s)
                .ToListAsync(cancellationToken);
            var serviceLines = await db.ServiceLines.AsNoTracking()
                .OrderBy(s => s.Code)
                .Select(s => new Choice(s.Code, s.Code + " — " + s.Name))
                .ToListAsync(cancellationToken);
            var categories = await db.FailureCategories.AsNoTracking()
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => c.Name)
                .ToListAsync(cancellationToken);
            return new ValueChoices(segments, serviceLines, categories);
        }
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var match = command.Match!.Value;
            var value = match switch
            {
                RoutingMatch.ServiceLine => command.Value!.Trim().ToUpperInvariant(),
                RoutingMatch.FailureCategory => await CategoryNamedAsync(db, command.Value!, cancellationToken),
                RoutingMatch.Fallback => null,
                _ => command.Value,
            };
            if (command.Id is not { } id)
            {
                var created = new RoutingRule(match, value, command.TeamId!.Value, command.ReplacesDefaults);
                db.RoutingRules.Add(created);
                return created.Id;
            }

            var rule = await db.RoutingRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new NotFoundException("The routing rule");
            db.RoutingRules.Entry(rule).Property(r => r.Version).OriginalValue = command.Version;
            rule.Update(match, value, command.TeamId!.Value, command.ReplacesDefaults);
            return rule.Id;
        }
    }
}
