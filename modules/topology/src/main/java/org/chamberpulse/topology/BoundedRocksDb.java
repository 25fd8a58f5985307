package org.chamberpulse.topology;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the process together, as the Kafka Streams documentation
 * describes ("bounded memory usage"): one block cache shared by all stores, memtables charged to it through
 * one write buffer manager, and index and filter blocks kept in it too. Without it each store of each task
 * takes its own 50 MB of block cache and up to three 16 MB memtables, so memory grows with the number of
 * tasks and stores rather than with the data.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {

    /** Bytes for all stores together; StreamsProperties sets it from {@code state.memory}. */
    public static final String TOTAL_BYTES = "chamberpulse.rocksdb.total.bytes";
    private static final double MEMTABLE_SHARE = 0.5;
    private static final long MEMTABLE_BYTES = 4L * 1024 * 1024;
    private static final long BLOCK_BYTES = 16L * 1024;
    /**
     * A memtable takes memory in arena blocks, charged to the write buffer manager as soon as taken; by default
     * a block is an eighth of the memtable (512 KB). 66 stores (ten a desk task and one a meeting-control task,
     * six partitions) holding a block each are at the manager's flush limit (7/8 of its bytes) with their
     * memtables nearly empty, and RocksDB then flushes and compacts tiny files without end: its background
     * threads took 2 to 12 core-seconds of the throughput benchmark, and 175 with 16 MB memtables (2 MB blocks);
     * with 128 KB blocks 3, whatever the memtables' size (docs/BENCHMARKS.md, fifth session).
     */
    private static final long ARENA_BLOCK_BYTES = 128L * 1024;

    /** Shared by every store of the process: RocksDB objects that Streams creates once per store would each bound only themselves. */
    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    private static synchronized void ensureShared(long totalBytes) {
        if (cache == null) {
            cache = new LRUCache(totalBytes, -1, false, 0);
            writeBufferManager = new WriteBufferManager((long) (totalBytes * MEMTABLE_SHARE), cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        ensureShared(Long.parseLong(String.valueOf(configs.getOrDefault(TOTAL_BYTES, 64L * 1024 * 1024))));
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setBlockSize(BLOCK_BYTES);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(MEMTABLE_BYTES);
        options.setArenaBlockSize(ARENA_BLOCK_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and the write buffer manager are shared by every store, and live as long as the process.
    }
}
