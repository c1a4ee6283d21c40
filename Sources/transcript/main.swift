import TranscriptKit

print("transcript: not yet wired")
