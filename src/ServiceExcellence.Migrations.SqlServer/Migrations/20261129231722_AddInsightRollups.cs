using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ServiceExcellence.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddInsightRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InsightDays",
                columns: table => new
                {
                    Day = table.Column<int>(type: "int", nullable: false),
                    ClientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceLineId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Transactions = table.Column<long>(type: "bigint", nullable: false),
                    Invited = table.Column<long>(type: "bigint", nullable: false),
                    Responded = table.Column<long>(type: "bigint", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false),
                    OverallSum = table.Column<long>(type: "bigint", nullable: false),
                    Satisfied = table.Column<long>(type: "bigint", nullable: false),
                    Poor = table.Column<long>(type: "bigint", nullable: false),
                    Recommend = table.Column<long>(type: "bigint", nullable: false),
                    Promoters = table.Column<long>(type: "bigint", nullable: false),
                    Detractors = table.Column<long>(type: "bigint", nullable: false),
                    ReliabilityN = table.Column<long>(type: "bigint", nullable: false),
                    ReliabilitySum = table.Column<long>(type: "bigint", nullable: false),
                    ReliabilitySumSq = table.Column<long>(type: "bigint", nullable: false),
                    ReliabilityOverallSum = table.Column<long>(type: "bigint", nullable: false),
                    ReliabilityOverallSumSq = table.Column<long>(type: "bigint", nullable: false),
                    ReliabilityCrossSum = table.Column<long>(type: "bigint", nullable: false),
                    ResponsivenessN = table.Column<long>(type: "bigint", nullable: false),
                    ResponsivenessSum = table.Column<long>(type: "bigint", nullable: false),
                    ResponsivenessSumSq = table.Column<long>(type: "bigint", nullable: false),
                    ResponsivenessOverallSum = table.Column<long>(type: "bigint", nullable: false),
                    ResponsivenessOverallSumSq = table.Column<long>(type: "bigint", nullable: false),
                    ResponsivenessCrossSum = table.Column<long>(type: "bigint", nullable: false),
                    FeelingValuedN = table.Column<long>(type: "bigint", nullable: false),
                    FeelingValuedSum = table.Column<long>(type: "bigint", nullable: false),
                    FeelingValuedSumSq = table.Column<long>(type: "bigint", nullable: false),
                    FeelingValuedOverallSum = table.Column<long>(type: "bigint", nullable: false),
                    FeelingValuedOverallSumSq = table.Column<long>(type: "bigint", nullable: false),
                    FeelingValuedCrossSum = table.Column<long>(type: "bigint", nullable: false),
                    EmpathyN = table.Column<long>(type: "bigint", nullable: false),
                    EmpathySum = table.Column<long>(type: "bigint", nullable: false),
                    EmpathySumSq = table.Column<long>(type: "bigint", nullable: false),
                    EmpathyOverallSum = table.Column<long>(type: "bigint", nullable: false),
                    EmpathyOverallSumSq = table.Column<long>(type: "bigint", nullable: false),
                    EmpathyCrossSum = table.Column<long>(type: "bigint", nullable: false),
                    CompetencyN = table.Column<long>(type: "bigint", nullable: false),
                    CompetencySum = table.Column<long>(type: "bigint", nullable: false),
                    CompetencySumSq = table.Column<long>(type: "bigint", nullable: false),
                    CompetencyOverallSum = table.Column<long>(type: "bigint", nullable: false),
                    CompetencyOverallSumSq = table.Column<long>(type: "bigint", nullable: false),
                    CompetencyCrossSum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightDays", x => new { x.Day, x.ClientId, x.ServiceLineId, x.TeamId });
                });

            migrationBuilder.CreateTable(
                name: "InsightFailures",
                columns: table => new
                {
                    Day = table.Column<int>(type: "int", nullable: false),
                    ClientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceLineId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    FailureCategoryId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightFailures", x => new { x.Day, x.ClientId, x.ServiceLineId, x.TeamId, x.FailureCategoryId });
                });

            migrationBuilder.CreateTable(
                name: "InsightPoorHours",
                columns: table => new
                {
                    Day = table.Column<int>(type: "int", nullable: false),
                    Hour = table.Column<int>(type: "int", nullable: false),
                    ClientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ServiceLineId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TeamId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Ratings = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsightPoorHours", x => new { x.Day, x.Hour, x.ClientId, x.ServiceLineId, x.TeamId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_CreatedAt_Figures",
                table: "Alerts",
                columns: new[] { "CreatedAt", "AcknowledgedAt", "ResolvedAt", "AcknowledgeBy", "ResolveBy", "RevenueAtRisk" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_CreatedAt_Rating",
                table: "Alerts",
                columns: new[] { "CreatedAt", "RatingId", "ClientId", "RevenueAtRisk" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ServiceLineId_CreatedAt",
                table: "Alerts",
                columns: new[] { "ServiceLineId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightDays_ClientId_Day",
                table: "InsightDays",
                columns: new[] { "ClientId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightDays_ServiceLineId_Day",
                table: "InsightDays",
                columns: new[] { "ServiceLineId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightDays_TeamId_Day",
                table: "InsightDays",
                columns: new[] { "TeamId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightFailures_ClientId_Day",
                table: "InsightFailures",
                columns: new[] { "ClientId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightFailures_ServiceLineId_Day",
                table: "InsightFailures",
                columns: new[] { "ServiceLineId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightPoorHours_ClientId_Day",
                table: "InsightPoorHours",
                columns: new[] { "ClientId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_InsightPoorHours_ServiceLineId_Day",
                table: "InsightPoorHours",
                columns: new[] { "ServiceLineId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InsightDays");

            migrationBuilder.DropTable(
                name: "InsightFailures");

            migrationBuilder.DropTable(
                name: "InsightPoorHours");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_CreatedAt_Figures",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_CreatedAt_Rating",
                table: "Alerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_ServiceLineId_CreatedAt",
                table: "Alerts");
        }
    }
}
