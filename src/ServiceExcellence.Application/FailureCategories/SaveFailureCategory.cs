using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.Application.FailureCategories;

/// <summary>
/// Adds a failure category, or changes one (<see cref="Command.Id"/> set). Categories are never deleted,
/// because past ratings name them: an administrator deactivates one instead.
/// </summary>
public static class SaveFailureCategory
{
    public const int NameLength = 100;
    public const int DescriptionLength = 300;
    public const int MaxSortOrder = 999;

    /// <summary>The form of an existing category, with its concurrency version.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Command>;

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid? Id { get; init; }
        public Guid Version { get; init; }
        public string? Name { get; init; }
        public string? Description { get; init; }
        public bool IsCritical { get; init; }

        /// <summary>Only an existing category can be deactivated; a new one always starts active.</summary>
        public bool IsActive { get; init; } = true;

        public int SortOrder { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Name)
                .NotEmpty().WithMessage("Enter the category's name.")
                .MaximumLength(NameLength).WithMessage($"The name must be at most {NameLength} characters.")
                .MustAsync(async (command, name, ct) => !await NameTakenAsync(db, command.Id, name!, ct))
                .WithMessage("Another category already has this name.")
                .When(c => !string.IsNullOrWhiteSpace(c.Name), ApplyConditionTo.CurrentValidator);
            RuleFor(c => c.Description)
                .MaximumLength(DescriptionLength).WithMessage($"The description must be at most {DescriptionLength} characters.");
            RuleFor(c => c.SortOrder)
                .InclusiveBetween(0, MaxSortOrder).WithMessage($"Enter a sort order from 0 to {MaxSortOrder}.");
        }

        // Compared in memory: the list is short, and the database's own comparison is case-sensitive on
        // SQLite (and only ASCII-aware with lower()), while customers should never see "Late" and "late".
        private static async Task<bool> NameTakenAsync(IAppDbContext db, Guid? id, string name, CancellationToken cancellationToken)
        {
            var others = await db.FailureCategories.AsNoTracking()
                .Where(c => c.Id != id)
                .Select(c => c.Name)
                .ToListAsync(cancellationToken);
            return others.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);
        }
    }

    public sealed class QueryHandler(IAppDbContext db) : IQueryHandler<Query, Command>
    {
        public async ValueTask<Command> Handle(Query query, CancellationToken cancellationToken) =>
            await db.FailureCategories.AsNoTracking()
                .Where(c => c.Id == query.Id)
                .Select(c => new Command
                {
                    Id = c.Id,
                    Version = c.Version,
                    Name = c.Name,
                    Description = c.Description,
                    IsCritical = c.IsCritical,
                    IsActive = c.IsActive,
                    SortOrder = c.SortOrder,
                })
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The failure category");
    }

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.Id is not { } id)
            {
                var created = new FailureCategory(command.Name!, command.Description, command.IsCritical, command.SortOrder);
                db.FailureCategories.Add(created);
                return created.Id;
            }

            var category = await db.FailureCategories.SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                ?? throw new NotFoundException("The failure category");
            db.FailureCategories.Entry(category).Property(c => c.Version).OriginalValue = command.Version;
            category.Update(command.Name!, command.Description, command.IsCritical, command.IsActive, command.SortOrder);
            return category.Id;
        }
    }
}
