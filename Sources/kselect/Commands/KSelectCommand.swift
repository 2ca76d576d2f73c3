import ArgumentParser
import KSelect

/// The `kselect` command: how many clusters does my data really have?
@main
struct KSelectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kselect",
    abstract: "Choose the number of clusters k for k-means, with every criterion in one run.",
    discussion: """
      Examples:
        kselect sweep Data/iris.csv --k-max 8
        kselect render Reports/iris --format svg
        kselect cluster Data/iris.csv --k 3
        kselect assign new.csv --report Reports/iris
        kselect generate gaussian --n 200 --k 3 --seed 7 --out blobs.csv
      """,
    version: KSelectVersion.current,
    subcommands: [
      SweepCommand.self, RenderCommand.self, ClusterCommand.self, AssignCommand.self, GenerateCommand.self,
    ])

  /// Parses the command line and runs the command, with standard output checked
  /// (`StandardStreams`).
  static func main() {
    StandardStreams.prepare()
    main(nil)
  }
}
