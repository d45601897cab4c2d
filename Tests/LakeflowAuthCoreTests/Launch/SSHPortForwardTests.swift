import LakeflowAuthCore
import Testing

/// The line that forwards a loopback page's port from the person's machine, over SSH only.
@Suite struct SSHPortForwardTests {
    @Test func namesTheUserTheAddressReachedAndEachPort() {
        let line = SSHPortForward.command(ports: [8123, 9876], environment: [
            "SSH_CONNECTION": "198.51.100.4 52144 203.0.113.7 22", "USER": "alice",
        ])
        #expect(line == "ssh -N -L 8123:127.0.0.1:8123 -L 9876:127.0.0.1:9876 alice@203.0.113.7")
    }

    @Test func aPortOtherThan22IsSaid() {
        let line = SSHPortForward.command(ports: [8123], environment: ["SSH_CONNECTION": "198.51.100.4 52144 203.0.113.7 2222"])
        #expect(line == "ssh -N -L 8123:127.0.0.1:8123 -p 2222 203.0.113.7")
    }

    @Test func outsideAnSSHSessionThereIsNone() {
        #expect(SSHPortForward.command(ports: [8123], environment: ["USER": "alice"]) == nil)
    }

    @Test func onlySSHClientStillGivesALineWithThisHostsName() throws {
        let line = try #require(SSHPortForward.command(ports: [8123], environment: ["SSH_CLIENT": "198.51.100.4 52144 22"]))
        #expect(line.hasPrefix("ssh -N -L 8123:127.0.0.1:8123 "))
        #expect(!line.contains("-p "))
    }

    @Test func wordsAShellWouldReadAreLeftOut() {
        let line = SSHPortForward.command(ports: [8123], environment: [
            "SSH_CONNECTION": "198.51.100.4 52144 203.0.113.7 22", "USER": "alice;rm -rf ~",
        ])
        #expect(line == "ssh -N -L 8123:127.0.0.1:8123 203.0.113.7")
    }
}
